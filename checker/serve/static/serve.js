// The editor's page of `selaras serve`: conveniences only. The form posts and the report
// shows without this script. It never inserts text from articles: the boxes it adds come
// from the page's own <template>, which holds no article text.
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  var sources = document.getElementById("sources");
  var template = document.getElementById("source-template");
  var add = document.getElementById("add-source");
  var run = document.getElementById("run");
  var status = document.getElementById("status");
  if (!form || !sources || !template || !add) {
    return;
  }

  function addSource() {
    var index = sources.querySelectorAll("fieldset.source").length;
    var box = template.content.firstElementChild.cloneNode(true);
    box.querySelectorAll("[name]").forEach(function (field) {
      field.name = field.name.replace("__N__", String(index));
    });
    box.querySelector(".number").textContent = String(index + 1);
    sources.appendChild(box);
    box.querySelector("textarea").focus();
  }

  add.addEventListener("click", addSource);
  add.hidden = false;
  form.addEventListener("submit", function () {
    run.disabled = true;
    status.textContent = "Checking\u2026 this takes a few seconds.";
  });
  window.addEventListener("pageshow", function () {
    run.disabled = false;
    status.textContent = "";
  });
})();
