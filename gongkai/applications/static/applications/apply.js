/* The automatic security check of the application form (gongkai.applications.abuse).
 *
 * Finds a counter such that SHA-256("nonce:counter") starts with `bits` zero bits, puts it
 * in the hidden "proof" field and hides the sum, which stays for visitors without
 * JavaScript or without crypto.subtle (a plain-HTTP intranet). Texts come from the page.
 * Also shows the print button of the receipt. Plain JavaScript, nothing loaded from elsewhere.
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var form = document.querySelector("form[data-pow]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  var nonce = form.getAttribute("data-pow-nonce");
  var bits = parseInt(form.getAttribute("data-pow-bits"), 10) || 0;
  var status = form.querySelector("[data-pow-status]");
  var sum = form.querySelector("[data-sum]");
  var proof = form.querySelector("input[name=proof]");
  var encoder = new TextEncoder();
  var BATCH = 256;
  var solved = false;
  var failed = false;
  var submitWhenSolved = false;

  function zeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      for (var mask = 0x80; mask && !(bytes[i] & mask); mask >>= 1) { count += 1; }
      break;
    }
    return count;
  }

  function tryBatch(start) {
    var digests = [];
    for (var n = start; n < start + BATCH; n++) {
      digests.push(window.crypto.subtle.digest("SHA-256", encoder.encode(nonce + ":" + n)));
    }
    return Promise.all(digests).then(function (results) {
      for (var i = 0; i < results.length; i++) {
        if (zeroBits(new Uint8Array(results[i])) >= bits) { return String(start + i); }
      }
      return tryBatch(start + BATCH);
    });
  }

  function done(counter) {
    proof.value = counter;
    solved = true;
    status.textContent = form.getAttribute("data-text-done");
    if (sum) { sum.hidden = true; }
    if (submitWhenSolved) { form.submit(); }
  }

  status.textContent = form.getAttribute("data-text-working");
  tryBatch(0).then(done, function () {
    failed = true;
    status.textContent = "";  // the sum stays: the question must be answered
  });

  form.addEventListener("submit", function (event) {
    var answer = form.querySelector("input[name=answer]");
    if (!solved && !failed && !(answer && answer.value.trim())) {
      event.preventDefault();
      submitWhenSolved = true;
      status.textContent = form.getAttribute("data-text-wait");
    }
  });
})();
