// Layout check run inside a headless browser on a Lagrange report (BrowserReportTests).
// The page is laid out by the browser; this script measures what a reader would see and
// writes the findings as JSON into <pre id="lagrange-layout-check">, which the test reads
// back from the browser's DOM dump. A finding is a sentence naming the chart and the element.
(function () {
  const problems = [];
  const root = document.documentElement;
  const close = (a, b) => a <= b + 1;   // one CSS pixel of anti-aliasing slack

  if (!close(root.scrollWidth, root.clientWidth)) {
    problems.push(`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window (horizontal scrolling)`);
  }

  const svgs = Array.from(document.querySelectorAll("svg"));
  let marks = 0, labels = 0;
  svgs.forEach((svg, i) => {
    const box = svg.getBoundingClientRect();
    const name = `chart ${i + 1}`;
    if (!(box.width > 0 && box.height > 0)) { problems.push(`${name} has an empty box`); return; }
    const inside = (r) => close(box.left, r.left) && close(r.right, box.right) && close(box.top, r.top) && close(r.bottom, box.bottom);

    svg.querySelectorAll("path, polyline, polygon, line, rect, circle").forEach((el) => {
      marks += 1;
      const b = el.getBBox();
      if (![b.x, b.y, b.width, b.height].every(Number.isFinite)) {
        problems.push(`${name}: <${el.tagName}> has non-finite geometry`);
        return;
      }
      const r = el.getBoundingClientRect();
      if (!inside(r)) problems.push(`${name}: <${el.tagName}> drawn outside the chart (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`);
    });

    const texts = Array.from(svg.querySelectorAll("text")).filter((t) => t.textContent.trim() !== "");
    const rects = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, k) => {
      labels += 1;
      const r = rects[k];
      if (!(r.width > 0 && r.height > 0)) problems.push(`${name}: label "${t.textContent}" is not rendered`);
      else if (!inside(r)) problems.push(`${name}: label "${t.textContent}" is cut off at the chart's edge`);
    });
    // Two labels overlapping by more than a quarter of the smaller one are unreadable.
    for (let a = 0; a < rects.length; a++) {
      for (let b = a + 1; b < rects.length; b++) {
        const w = Math.min(rects[a].right, rects[b].right) - Math.max(rects[a].left, rects[b].left);
        const h = Math.min(rects[a].bottom, rects[b].bottom) - Math.max(rects[a].top, rects[b].top);
        if (w <= 0 || h <= 0) continue;
        const smaller = Math.min(rects[a].width * rects[a].height, rects[b].width * rects[b].height);
        if (w * h > 0.25 * smaller) problems.push(`${name}: labels "${texts[a].textContent}" and "${texts[b].textContent}" overlap`);
      }
    }
  });

  const tableRows = Array.from(document.querySelectorAll("table")).map((t) => t.querySelectorAll("tbody tr").length);
  const out = document.createElement("pre");
  out.id = "lagrange-layout-check";
  out.textContent = JSON.stringify({ svgs: svgs.length, marks, labels, tableRows, problems });
  document.body.appendChild(out);
})();
