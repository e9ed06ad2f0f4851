// Small DOM helpers shared by every module.

/** The first element matching a selector, or null. */
export const $ = (selector, root = document) => root.querySelector(selector);

/** Every element matching a selector, as an array. */
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Runs a callback once the document is parsed (at once if it already is). */
export function onReady(callback) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", callback, { once: true });
  } else {
    callback();
  }
}

let liveRegion;

/** Tells screen readers about a change, through one polite live region. */
export function announce(message) {
  if (!liveRegion) {
    liveRegion = document.createElement("div");
    liveRegion.className = "visually-hidden";
    liveRegion.setAttribute("aria-live", "polite");
    document.body.append(liveRegion);
  }
  liveRegion.textContent = message;
}
