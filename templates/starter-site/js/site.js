// A JavaScript module: its URL, and the URLs of the modules it imports, are fingerprinted with the rest of the site.
const loadedAt = document.getElementById("loaded-at");
if (loadedAt) {
  loadedAt.textContent = `Page loaded ${new Date().toLocaleString()}.`;
}
