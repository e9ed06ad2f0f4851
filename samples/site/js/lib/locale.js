// The reader's preferred locale, with a fallback that every browser formats.
export function locale() {
  return navigator.languages?.[0] ?? navigator.language ?? "en";
}
