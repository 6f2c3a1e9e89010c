/* app.js: PCMT's one small script. Pages work without it; it only improves
   them. Today: a form whose button is pressed twice is sent once. */
"use strict";
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  if (form.getAttribute("data-sent") === "1") {
    ev.preventDefault();
    return;
  }
  form.setAttribute("data-sent", "1");
});
