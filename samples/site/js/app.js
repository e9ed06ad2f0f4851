// Northwind Trails: the entry module. Every page loads it with <script type="module" src="/js/app.js">.
import { $, $$, onReady, announce } from "./lib/dom.js";
import { formatDistance, formatDuration, formatElevation } from "./lib/format.js";
import { loadTrails } from "./lib/trails.js";

const DIFFICULTY_ORDER = ["easy", "moderate", "hard"];

function renderTrail(trail) {
  const item = document.createElement("li");
  item.className = `card difficulty-${trail.difficulty}`;
  item.innerHTML = `
    <h3><a href="/trails.html#${encodeURIComponent(trail.id)}">${trail.name}</a></h3>
    <p class="meta">
      <span>${formatDistance(trail.distanceKm)}</span>
      <span>${formatElevation(trail.ascentM)} ascent</span>
      <span>${formatDuration(trail.durationMin)}</span>
    </p>
    <p>${trail.summary}</p>`;
  return item;
}

function sortTrails(trails, by) {
  const sorted = [...trails];
  switch (by) {
    case "distance":
      sorted.sort((a, b) => a.distanceKm - b.distanceKm);
      break;
    case "difficulty":
      sorted.sort((a, b) => DIFFICULTY_ORDER.indexOf(a.difficulty) - DIFFICULTY_ORDER.indexOf(b.difficulty));
      break;
    default:
      sorted.sort((a, b) => a.name.localeCompare(b.name));
  }
  return sorted;
}

async function showTrails(list) {
  const trails = await loadTrails();
  const sortSelect = $("#sort");
  const render = () => {
    list.replaceChildren(...sortTrails(trails, sortSelect?.value ?? "name").map(renderTrail));
    announce(`${trails.length} trails shown`);
  };
  sortSelect?.addEventListener("change", render);
  render();
}

onReady(() => {
  const list = $(".trail-list");
  if (list) {
    showTrails(list).catch((error) => {
      list.textContent = "The trail list could not be loaded. Please try again later.";
      console.error(error);
    });
  }
  for (const link of $$("a[data-external]")) {
    link.rel = "noopener";
    link.target = "_blank";
  }
});
