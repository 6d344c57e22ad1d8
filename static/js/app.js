/* CiberListo PyME: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // An error summary takes the focus, so that screen readers announce it and keyboard users start there.
  function focusErrorSummary() {
    var summary = document.getElementById("resumen-errores");
    if (summary) {
      summary.focus();
    }
  }

  // Conditional questions: show a follow-up question as soon as the answer it depends on fits.
  // Hidden questions are disabled too, so they are neither posted nor validated.
  function selectedValues(form, name) {
    var values = [];
    form.querySelectorAll("input, select").forEach(function (input) {
      if (input.name !== name || input.disabled) {
        return;
      }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
        return;
      }
      values.push(input.value);
    });
    return values;
  }

  function applies(form, wrapper) {
    var parent = wrapper.getAttribute("data-condition-question");
    var parentWrapper = document.getElementById("q-" + parent);
    if (parentWrapper && parentWrapper.hasAttribute("data-condition-question") && !applies(form, parentWrapper)) {
      return false;
    }
    var wanted = wrapper.getAttribute("data-condition-values").split(" ");
    return selectedValues(form, parent).some(function (value) {
      return wanted.indexOf(value) !== -1;
    });
  }

  function updateConditions(form) {
    form.querySelectorAll("[data-condition-question]").forEach(function (wrapper) {
      var show = applies(form, wrapper);
      wrapper.hidden = !show;
      wrapper.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !show;
      });
    });
  }

  // "None of these" and "No sé" cannot be combined with other options: ticking one unticks the rest.
  function keepExclusive(form, changed) {
    if (changed.type !== "checkbox" || !changed.checked) {
      return;
    }
    var exclusive = changed.hasAttribute("data-exclusive");
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (box !== changed && box.name === changed.name && (exclusive || box.hasAttribute("data-exclusive"))) {
        box.checked = false;
      }
    });
  }

  function enhanceQuestionnaire() {
    document.querySelectorAll("form[data-questionnaire]").forEach(function (form) {
      form.addEventListener("change", function (event) {
        keepExclusive(form, event.target);
        updateConditions(form);
      });
    });
  }

  // Copy buttons beside read-only links.
  function enhanceCopyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-copy"));
      var status = document.querySelector("[data-copy-status]");
      if (!input || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied");
          }
        });
      });
    });
  }

  // A step restored from the back/forward cache would carry an old revision and be refused as
  // "changed in another tab": fetch it again instead.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.querySelector("form[data-questionnaire]")) {
      window.location.reload();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    enhanceQuestionnaire();
    enhanceCopyButtons();
  });
})();
