// A JavaScript module: its URL, and the URLs it imports, are fingerprinted with the rest of the site.
const servedAt = document.getElementById("served-at");
if (servedAt) {
  servedAt.textContent = `Loaded ${new Date().toLocaleString()}.`;
}
