/* app.js: PCMT's one small script. Pages work without it; it only improves
   them. Today: a form whose button is pressed twice is sent once; uploads (below).
 */
"use strict";
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  if (form.getAttribute("data-sent") === "1") {
    ev.preventDefault();
    return;
  }
  form.setAttribute("data-sent", "1");
});

/* The import page (/nhap-du-lieu, src/web/page_import.c): the chosen file
   goes as the raw body of POST /api/v1/imports/{register}, with the session
   cookie and the CSRF token, first as a dry run. Every bad row is shown
   (line, column, reason) with the good rows' count; "Nhập" then imports for
   real. The rejects file comes in the answer (the server writes it as
   `pcmt import` does) and is offered from a Blob URL: the server keeps no
   row between the two requests. Text enters the page only as textContent. */
(function () {
  var form = document.getElementById("nhap-form");
  if (!form) {
    return;
  }
  var notice = document.getElementById("nhap-can-script");
  var out = document.getElementById("nhap-ket-qua");
  var input = document.getElementById("tep");
  var fileError = document.getElementById("tep-loi");
  var max = Number(form.getAttribute("data-max"));
  var csrf = form.getAttribute("data-csrf");
  var blobUrl = null;
  form.hidden = false;
  if (notice) {
    notice.hidden = true;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }
  function num(n) {
    return Number(n).toLocaleString("vi-VN");
  }
  function fieldError(text) {
    fileError.textContent = text || "";
    fileError.hidden = !text;
    document.getElementById("tep-nhom").classList.toggle("form-group-error", !!text);
  }
  function clear() {
    while (out.firstChild) {
      out.removeChild(out.firstChild);
    }
    if (blobUrl) {
      URL.revokeObjectURL(blobUrl);
      blobUrl = null;
    }
  }
  function problem(text) {
    clear();
    var box = el("div", null, "error-summary");
    box.setAttribute("role", "alert");
    box.appendChild(el("h2", "Không nhập được tệp"));
    box.appendChild(el("p", text));
    out.appendChild(box);
  }

  function rejectsTable(rejects) {
    var wrap = el("div", null, "table-wrap");
    var table = el("table", null, "table");
    table.appendChild(el("caption", "Các dòng bị từ chối (" + num(rejects.length) + ")"));
    var head = el("tr");
    ["Dòng", "Cột", "Lỗi"].forEach(function (h) {
      var th = el("th", h);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    rejects.forEach(function (r) {
      (r.problems.length ? r.problems : [r]).forEach(function (p) {
        var tr = el("tr");
        tr.appendChild(el("td", String(r.line), "num"));
        tr.appendChild(el("td", p.column ? (p.header || "") + " (cột " + p.column + ")" : "—"));
        tr.appendChild(el("td", p.message || p.reason));
        body.appendChild(tr);
      });
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  function show(j, dry) {
    clear();
    var good = j.read - j.rejected;
    var h = el("h2", dry ? "Kết quả kiểm tra tệp " + j.file : "Đã nhập tệp " + j.file);
    h.id = "nhap-tieu-de";
    h.tabIndex = -1;
    out.appendChild(h);
    var box = el("div", null, dry ? "notice" : "notification");
    box.setAttribute("role", "status");
    if (dry) {
      box.appendChild(el("p", "Tệp có " + num(j.read) + " dòng dữ liệu: " + num(good) +
        " dòng hợp lệ, " + num(j.rejected) + " dòng lỗi. Chưa lưu gì."));
    } else {
      box.appendChild(el("p", "Đã lưu: thêm " + num(j.added) + ", sửa " + num(j.updated) +
        ", giữ nguyên " + num(j.unchanged) + "; từ chối " + num(j.rejected) + " dòng."));
    }
    out.appendChild(box);
    if (j.rejected && j.rejects_csv) {
      blobUrl = URL.createObjectURL(new Blob([j.rejects_csv], { type: "text/csv;charset=utf-8" }));
      var p = el("p");
      var a = el("a", "Tải tệp các dòng bị từ chối (" + j.rejects_file + ")");
      a.href = blobUrl;
      a.download = j.rejects_file;
      a.id = "nhap-tai-loi";
      p.appendChild(a);
      p.appendChild(el("span", " — sửa các dòng này rồi nhập lại tệp đó.", "muted"));
      out.appendChild(p);
      out.appendChild(rejectsTable(j.rejects));
    }
    if (dry && good > 0) {
      var go = el("button", "Nhập " + num(good) + " dòng hợp lệ", "button");
      go.type = "button";
      go.id = "nhap-that";
      go.addEventListener("click", function () {
        send(false);
      });
      out.appendChild(go);
    }
    h.focus();
  }

  function send(dry) {
    var file = input.files && input.files[0];
    if (!file) {
      fieldError("Hãy chọn một tệp .csv hoặc .xlsx.");
      input.focus();
      return;
    }
    if (file.size > max) {
      fieldError("Tệp lớn quá: tối đa " + num(Math.floor(max / 1048576)) +
        " MiB. Hãy chia nhỏ tệp, hoặc nhập tại văn phòng bằng lệnh pcmt import.");
      input.focus();
      return;
    }
    fieldError("");
    var reg = form.elements["danh-sach"].value;
    var url = "/api/v1/imports/" + encodeURIComponent(reg) + "?rejects_csv=1" +
      (dry ? "&dry_run=1" : "");
    clear();
    out.appendChild(el("p", dry ? "Đang kiểm tra tệp…" : "Đang nhập…"));
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRF-Token": csrf,
        "X-File-Name": encodeURIComponent(file.name),
        "Content-Type": "application/octet-stream"
      },
      body: file
    }).then(function (r) {
      return r.json().then(function (j) {
        return { status: r.status, j: j };
      }, function () {
        return { status: r.status, j: null };
      });
    }).then(function (a) {
      if (a.status === 200 && a.j) {
        show(a.j, dry);
      } else if (a.status === 413) {
        problem("Tệp lớn quá giới hạn của máy chủ.");
      } else {
        problem(a.j && a.j.error ? a.j.error.message : "Máy chủ trả lời mã " + a.status + ".");
      }
    }, function () {
      problem("Không gửi được tệp: hãy kiểm tra kết nối mạng rồi thử lại.");
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    ev.stopPropagation(); /* a check may be sent again: not the form-once rule above */
    send(true);
  });
}());
