// Loads the trail data once per page.
let cache;

export async function loadTrails() {
  cache ??= fetch("/data/trails.json", { headers: { Accept: "application/json" } }).then((response) => {
    if (!response.ok) throw new Error(`GET /data/trails.json answered ${response.status}`);
    return response.json();
  }).then((document) => document.trails);
  return cache;
}
