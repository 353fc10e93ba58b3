#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <soc2scope/report/evidence_render.hpp>
#include <soc2scope/report/render.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::report {

using evidence::Checklist;
using evidence::ChecklistItem;
using evidence::Status;

namespace {

std::string date_or(const std::optional<util::Date>& d, std::string_view none = "") {
    return d ? d->to_string() : std::string(none);
}

std::string progress(std::size_t done, std::size_t total) {
    return fmt::format("{}/{}", done, total);
}

std::string headline(const Checklist& c) {
    std::size_t total = 0;
    for (const auto& a : c.areas) {
        total += a.total;
    }
    return fmt::format("{} of {} items provided, {} stale, {} missing, {} not found", c.provided,
                       total, c.stale, c.missing, c.not_found);
}

// An autolink target GitHub will not break on.
std::string link_target(std::string_view url) {
    std::string out;
    for (char ch : url) {
        switch (ch) {
        case ' ':
            out += "%20";
            break;
        case '<':
            out += "%3C";
            break;
        case '>':
            out += "%3E";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

// What the text and Markdown checklists say under an item: owner, dates, where, and why it
// is not provided. `esc` escapes user text for the medium; `where` is already rendered.
std::vector<std::string> item_facts(const ChecklistItem& i,
                                    const std::function<std::string(std::string_view)>& esc,
                                    std::string where) {
    std::vector<std::string> facts;
    if (!i.owner.empty()) {
        facts.push_back("owner " + esc(i.owner));
    }
    if (i.collected) {
        facts.push_back("collected " + i.collected->to_string());
    }
    if (i.due) {
        facts.push_back("due " + i.due->to_string());
    }
    if (!where.empty()) {
        facts.push_back(std::move(where));
    }
    if (i.status != Status::Provided && !i.reason.empty() && !i.optional()) {
        facts.push_back(esc(i.reason));
    }
    return facts;
}

} // namespace

std::string csv_field(std::string_view text) {
    std::string cell(text);
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                          cell[0] == '\t' || cell[0] == '\r')) {
        cell.insert(cell.begin(), '\'');
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string out = "\"";
    for (char ch : cell) {
        out += ch;
        if (ch == '"') {
            out += '"';
        }
    }
    out += '"';
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string render_evidence_text(const Checklist& c, bool color) {
    auto paint = [&](std::string_view code, std::string_view text) {
        return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
    };
    auto status = [&](const ChecklistItem& i) {
        const std::string name = fmt::format("{:<9}", evidence::to_string(i.status));
        switch (i.status) {
        case Status::Provided:
            return paint("32", name);
        case Status::Stale:
            return paint("33", name);
        case Status::Missing:
            return i.optional() ? name : paint("1;31", name);
        case Status::NotFound:
            return paint("1;31", name);
        }
        return name;
    };
    std::string out;
    out += paint("1", fmt::format("soc2scope evidence: {} ({})", terminal_text(c.system),
                                  terminal_text(c.organization)));
    out += fmt::format("\ndeclaration {}, as of {}: {}\n", terminal_text(c.file),
                       c.as_of.to_string(), headline(c));
    out += "\nMinimum evidence set\n";
    for (const auto& m : c.minimum) {
        out += m.applies
                   ? fmt::format("  [{}] {}. {} ({})\n", m.provided == m.items.size() ? "x" : " ",
                                 m.number, m.title, progress(m.provided, m.items.size()))
                   : fmt::format("  [-] {}. {} (does not apply)\n", m.number, m.title);
    }
    std::string area;
    for (const ChecklistItem& i : c.items) {
        if (i.area != area) {
            area = i.area;
            for (const auto& a : c.areas) {
                if (a.id == area) {
                    out += fmt::format("\n{} ({})\n", paint("1", a.title),
                                       progress(a.provided, a.total));
                }
            }
        }
        out += fmt::format("  {} {}{}: {}\n", status(i), i.id, i.optional() ? " (optional)" : "",
                           i.def->title);
        const auto facts = item_facts(i, terminal_text, terminal_text(i.where));
        if (!facts.empty()) {
            out += fmt::format("            {}\n", util::join(facts, " · "));
        }
    }
    return out;
}

std::string render_evidence_markdown(const Checklist& c) {
    std::string out;
    out += fmt::format("# Evidence checklist: {}\n\n", markdown_cell(c.system));
    out += fmt::format("{} · `{}` · as of {} · {}\n\n", markdown_cell(c.organization),
                       markdown_cell(c.file), c.as_of.to_string(), headline(c));
    out += "## Minimum evidence set\n\n";
    for (const auto& m : c.minimum) {
        if (m.applies) {
            out += fmt::format("- [{}] {}. {} ({})\n", m.provided == m.items.size() ? "x" : " ",
                               m.number, m.title, progress(m.provided, m.items.size()));
        } else {
            out += fmt::format("- {}. {} (does not apply)\n", m.number, m.title);
        }
    }
    std::string area;
    for (const ChecklistItem& i : c.items) {
        if (i.area != area) {
            area = i.area;
            for (const auto& a : c.areas) {
                if (a.id == area) {
                    out += fmt::format("\n## {} ({})\n\n", a.title, progress(a.provided, a.total));
                }
            }
        }
        std::string line = fmt::format("- [{}] `{}` {}{}", i.status == Status::Provided ? "x" : " ",
                                       i.id, i.def->title, i.optional() ? " (optional)" : "");
        const std::string where = i.is_url          ? fmt::format("<{}>", link_target(i.where))
                                  : i.where.empty() ? std::string()
                                                    : fmt::format("`{}`", markdown_cell(i.where));
        std::vector<std::string> facts = {
            i.status == Status::Provided ? std::string("provided")
                                         : fmt::format("**{}**", evidence::to_string(i.status))};
        for (auto& f : item_facts(i, markdown_cell, where)) {
            facts.push_back(std::move(f));
        }
        if (i.status != Status::Provided) {
            facts.push_back("required by " + util::join(i.required_by, ", "));
        }
        out += line + " — " + util::join(facts, "; ") + "\n";
    }
    return out;
}

std::string render_evidence_csv(const Checklist& c) {
    std::string out = "area,item,title,status,optional,minimum_set,owner,collected,due,location,"
                      "count,required_by,note\r\n";
    for (const ChecklistItem& i : c.items) {
        const std::vector<std::string> cells = {
            i.area,
            i.id,
            std::string(i.def->title),
            std::string(evidence::to_string(i.status)),
            i.optional() ? "yes" : "no",
            i.in_minimum_set ? "yes" : "no",
            i.owner,
            date_or(i.collected),
            date_or(i.due),
            i.where,
            i.entry != nullptr ? std::to_string(i.count) : "",
            util::join(i.required_by, "; "),
            i.status == Status::Provided ? "" : i.reason,
        };
        for (std::size_t k = 0; k < cells.size(); ++k) {
            out += (k == 0 ? "" : ",") + csv_field(cells[k]);
        }
        out += "\r\n";
    }
    return out;
}

std::string render_evidence_json(const Checklist& c) {
    using Json = nlohmann::ordered_json;
    Json j;
    j["format"] = "soc2scope-evidence";
    j["format_version"] = 1;
    j["tool"] = {{"name", "soc2scope"}, {"version", SOC2SCOPE_VERSION}};
    j["declaration"] = {{"file", c.file}, {"organization", c.organization}, {"system", c.system}};
    j["as_of"] = c.as_of.to_string();
    j["summary"] = {{"provided", c.provided},
                    {"stale", c.stale},
                    {"missing", c.missing},
                    {"not_found", c.not_found}};
    Json minimum = Json::array();
    for (const auto& m : c.minimum) {
        minimum.push_back({{"number", m.number},
                           {"title", m.title},
                           {"applies", m.applies},
                           {"items", m.items},
                           {"provided", m.provided}});
    }
    j["minimum_set"] = std::move(minimum);
    Json areas = Json::array();
    for (const auto& a : c.areas) {
        areas.push_back(
            {{"id", a.id}, {"title", a.title}, {"provided", a.provided}, {"total", a.total}});
    }
    j["areas"] = std::move(areas);
    Json items = Json::array();
    for (const ChecklistItem& i : c.items) {
        Json ji;
        ji["id"] = i.id;
        ji["area"] = i.area;
        ji["title"] = std::string(i.def->title);
        ji["status"] = std::string(evidence::to_string(i.status));
        ji["optional"] = i.optional();
        ji["minimum_set"] = i.in_minimum_set;
        ji["cadence"] = std::string(evidence::cadence_name(i.def->cadence));
        ji["owner"] = i.owner.empty() ? Json(nullptr) : Json(i.owner);
        ji["collected"] = i.collected ? Json(i.collected->to_string()) : Json(nullptr);
        ji["due"] = i.due ? Json(i.due->to_string()) : Json(nullptr);
        ji["path"] = !i.is_url && !i.where.empty() ? Json(i.where) : Json(nullptr);
        ji["url"] = i.is_url ? Json(i.where) : Json(nullptr);
        ji["count"] = i.entry != nullptr ? Json(i.count) : Json(nullptr);
        ji["required_by"] = i.required_by;
        ji["reason"] = i.status == Status::Provided ? Json(nullptr) : Json(i.reason);
        items.push_back(std::move(ji));
    }
    j["items"] = std::move(items);
    return j.dump(2) + "\n";
}

std::string render_evidence_html(const Checklist& c) {
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>Evidence checklist: {}</title>\n", html_escape(c.system));
    out += R"(<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;max-width:1100px;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d8dde6;padding-bottom:.25rem}
.meta{color:#5a6375;margin:0 0 1.5rem}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e6e9ef}th{background:#f4f6f9;font-weight:600}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,monospace;background:#f4f6f9;padding:.05rem .3rem;border-radius:3px}
.s{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap}
.provided{background:#dff3e4;color:#17663a}.stale{background:#fdf0d5;color:#8a5a00}.missing,.not-found{background:#fde2e1;color:#a3231c}.optional{background:#eef0f4;color:#5a6375}
.bar{height:.5rem;background:#e6e9ef;border-radius:999px;overflow:hidden;width:10rem;display:inline-block;vertical-align:middle;margin-left:.5rem}.bar span{display:block;height:100%;background:#2e8b57}
ol.min li{margin:.2rem 0}.na{color:#8a93a5}.why{color:#5a6375;font-size:.85rem}td.d{white-space:nowrap}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
</style>
</head>
<body>
)";
    out += fmt::format("<h1>Evidence checklist: {}</h1>\n", html_escape(c.system));
    out += fmt::format("<p class=\"meta\">{} · <code>{}</code> · as of {} · {}</p>\n",
                       html_escape(c.organization), html_escape(c.file), c.as_of.to_string(),
                       html_escape(headline(c)));
    out += "<h2>Minimum evidence set</h2>\n<ol class=\"min\">\n";
    for (const auto& m : c.minimum) {
        if (m.applies) {
            const std::size_t pct = m.items.empty() ? 0 : 100 * m.provided / m.items.size();
            out += fmt::format(
                "<li>{} ({})<span class=\"bar\"><span style=\"width:{}%\"></span></span></li>\n",
                html_escape(m.title), progress(m.provided, m.items.size()), pct);
        } else {
            out += fmt::format("<li class=\"na\">{} (does not apply)</li>\n", html_escape(m.title));
        }
    }
    out += "</ol>\n";
    std::string area;
    for (const ChecklistItem& i : c.items) {
        if (i.area != area) {
            if (!area.empty()) {
                out += "</tbody></table>\n";
            }
            area = i.area;
            for (const auto& a : c.areas) {
                if (a.id == area) {
                    const std::size_t pct = a.total == 0 ? 0 : 100 * a.provided / a.total;
                    out += fmt::format("<h2>{} ({})<span class=\"bar\"><span "
                                       "style=\"width:{}%\"></span></span></h2>\n",
                                       html_escape(a.title), progress(a.provided, a.total), pct);
                }
            }
            out += "<table><thead><tr><th>Status</th><th>Item</th><th>Owner</th><th>Collected</th>"
                   "<th>Due</th><th>Where</th></tr></thead><tbody>\n";
        }
        const std::string cls = i.optional() && i.status == Status::Missing
                                    ? "optional"
                                    : std::string(evidence::to_string(i.status));
        std::string where = html_escape(i.where);
        if (i.is_url) {
            where =
                fmt::format("<a href=\"{}\">{}</a>", html_escape(i.where), html_escape(i.where));
        } else if (!i.where.empty()) {
            where = fmt::format("<code>{}</code>", where);
        }
        std::string why;
        if (i.status != Status::Provided && !i.reason.empty()) {
            why = fmt::format("<div class=\"why\">{}</div>", html_escape(i.reason));
        }
        out += fmt::format(
            "<tr><td><span class=\"s {}\">{}</span></td><td>{}{}<br><code>{}</code>{}</td>"
            "<td>{}</td><td class=\"d\">{}</td><td class=\"d\">{}</td><td>{}</td></tr>\n",
            cls, cls == "optional" ? "optional" : evidence::to_string(i.status),
            html_escape(i.def->title), i.in_minimum_set ? " ★" : "", html_escape(i.id), why,
            html_escape(i.owner), date_or(i.collected), date_or(i.due), where);
    }
    if (!area.empty()) {
        out += "</tbody></table>\n";
    }
    out += "<p class=\"meta\">★ part of the minimum evidence set. Generated by soc2scope.</p>\n";
    out += "</body>\n</html>\n";
    return out;
}

} // namespace soc2scope::report
