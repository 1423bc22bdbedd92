/* Evidence site: loaded in <head> by overrides/partials/javascripts/base.html.
 *
 * 1. Material's inline start-up script, moved into this file so that the
 *    Content-Security-Policy allows scripts from the site itself only
 *    (same code as Material's partials/javascripts/base.html; MIT licence).
 * 2. A ResizeObserver polyfill from this site for browsers that lack one
 *    (older phones), so Material never asks a CDN for it.
 * 3. The larger-text switch (适老化): the choice is applied before the page is
 *    drawn, and a button in the header changes it.
 */
(function () {
  var script = document.currentScript

  /* 1. Material's start-up script */
  window.__md_scope = new URL(script.getAttribute("data-scope") || ".", location)
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (e, _) { return (e << 5) - e + _.charCodeAt(0) }, 0)
  }
  window.__md_get = function (e, _, t) {
    _ = _ || localStorage
    t = t || __md_scope
    return JSON.parse(_.getItem(t.pathname + "." + e))
  }
  window.__md_set = function (e, _, t, a) {
    t = t || localStorage
    a = a || __md_scope
    try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (err) { /* private mode */ }
  }

  /* 2. ResizeObserver from this site, not a CDN */
  if (!("ResizeObserver" in window)) {
    var polyfill = new URL("../vendor/resize-observer-polyfill/ResizeObserver.global.js", script.src)
    document.write('<script src="' + polyfill.href + '"><\/script>')
  }

  /* 3. Larger text (适老化) */
  var KEY = "__es_large_text"
  var root = document.documentElement
  function stored() {
    try { return __md_get(KEY) === true } catch (err) { return false }
  }
  function apply(on) {
    root.classList.toggle("es-large-text", on)
    var button = document.querySelector(".es-textsize")
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false")
      button.title = on ? "恢复标准字号" : "放大字号(适老化)"
    }
  }
  apply(stored())
  document.addEventListener("DOMContentLoaded", function () {
    var header = document.querySelector(".md-header__inner")
    if (!header) return
    var button = document.createElement("button")
    button.type = "button"
    button.className = "md-header__button es-textsize"
    button.textContent = "大字"
    button.setAttribute("aria-label", "大字模式(放大字号)")
    button.addEventListener("click", function () {
      var on = !root.classList.contains("es-large-text")
      __md_set(KEY, on)
      apply(on)
    })
    var search = header.querySelector(".md-search") || header.querySelector("label[for='__search']")
    header.insertBefore(button, search)
    apply(stored())
  })
})()
