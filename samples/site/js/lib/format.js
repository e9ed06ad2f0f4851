// Formatting of trail figures, in the reader's locale.
import { locale } from "./locale.js";

const distance = new Intl.NumberFormat(locale(), { style: "unit", unit: "kilometer", maximumFractionDigits: 1 });
const elevation = new Intl.NumberFormat(locale(), { style: "unit", unit: "meter", maximumFractionDigits: 0 });

export function formatDistance(km) {
  return distance.format(km);
}

export function formatElevation(m) {
  return elevation.format(m);
}

export function formatDuration(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
