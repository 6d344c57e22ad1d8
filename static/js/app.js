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
      if (show) {
        markRequired(wrapper);
      }
    });
  }

  // A follow-up question that must be answered once shown gets its "*" at once (the server renders
  // it without one while it is hidden).
  function markRequired(wrapper) {
    if (wrapper.getAttribute("data-required-when-shown") !== "true") {
      return;
    }
    var label = wrapper.querySelector("legend, label.form-label");
    if (label && !label.querySelector(".asteriskField")) {
      var mark = document.createElement("span");
      mark.className = "asteriskField";
      mark.textContent = "*";
      label.appendChild(mark);
    }
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

  // Save as you go: each changed answer is posted to the step's autosave URL (one request at a time,
  // so each carries the revision the previous one returned). A stale revision (another tab saved)
  // stops autosaving and says so; the "Guardar y continuar" button keeps working as without script.
  function questionKey(input) {
    return input.name.replace(/__unknown$/, "");
  }

  function enhanceAutosave(form) {
    var url = form.getAttribute("data-autosave-url");
    var revision = form.querySelector("input[name=revision]");
    var status = document.querySelector("[data-autosave-status]");
    var alertBox = document.querySelector("[data-autosave-alert]");
    if (!url || !revision || !window.fetch || !window.FormData) {
      return;
    }
    var pending = {};
    var timer = null;
    var inFlight = null;
    var stopped = false;
    var submitting = false;

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function send() {
      timer = null;
      var keys = Object.keys(pending);
      if (stopped || inFlight || !keys.length) {
        return;
      }
      pending = {};
      var data = new FormData(form);
      keys.forEach(function (key) {
        data.append("autosave", key);
      });
      say(form.getAttribute("data-autosave-saving"));
      inFlight = fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", Accept: "application/json" }
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              if (response.ok) {
                revision.value = body.revision;
                say(form.getAttribute("data-autosave-saved"));
              } else if (response.status === 409) {
                stopped = true;
                say("");
                if (alertBox) {
                  alertBox.className = "autosave-alert alert alert-warning";
                  alertBox.textContent = body.message || "";
                }
              } else {
                say(form.getAttribute("data-autosave-failed"));
              }
            });
        })
        .catch(function () {
          say(form.getAttribute("data-autosave-failed"));
        })
        .then(function () {
          inFlight = null;
          if (Object.keys(pending).length) {
            send();
          }
        });
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (stopped || !input.name || input.name === "revision" || input.disabled) {
        return;
      }
      pending[questionKey(input)] = true;
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(send, 250);
    });

    // Pressing a button while a save is under way: wait for it, so the form carries the new revision.
    form.addEventListener("submit", function (event) {
      if (submitting) {
        return;
      }
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
      pending = {};
      if (!inFlight) {
        return;
      }
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () {
        submitting = true;
        if (form.requestSubmit) {
          form.requestSubmit(submitter || undefined);
        } else {
          form.submit();
        }
      });
    });
  }

  function enhanceQuestionnaire() {
    document.querySelectorAll("form[data-questionnaire]").forEach(function (form) {
      form.addEventListener("change", function (event) {
        keepExclusive(form, event.target);
        updateConditions(form);
      });
      enhanceAutosave(form);
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
