// A printout names the plan and the page's address: the header that shows them on
// screen is not printed, and a page's own address is known only in the browser.
(function () {
  function addSource() {
    var content = document.querySelector(".md-content__inner");
    var siteName = document.querySelector(".md-header__topic .md-ellipsis");
    if (!content || content.querySelector(".plan-print-source")) return;
    var line = document.createElement("p");
    line.className = "plan-print-source";
    line.setAttribute("aria-hidden", "true"); // printed only; the page says it already
    line.textContent = (siteName ? siteName.textContent.trim() + " · " : "") + location.href;
    content.insertBefore(line, content.firstChild);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addSource);
  } else {
    addSource();
  }
})();
