/* Evidence site: loaded after the page content by
 * overrides/partials/javascripts/content.html, in place of Material's inline
 * script (same code; MIT licence), so no inline script is needed: a link to a
 * content tab (#__tabbed_1_2) opens that tab. */
(function () {
  var target = document.getElementById(location.hash.slice(1))
  if (target && target.name)
    target.checked = target.name.indexOf("__tabbed_") === 0
})()
