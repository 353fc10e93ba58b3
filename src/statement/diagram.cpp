#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <soc2scope/report/evidence_render.hpp>
#include <soc2scope/statement/diagram.hpp>

namespace soc2scope::statement {

using model::Scope;

namespace {

constexpr Scope k_zones[] = {Scope::In, Scope::Shared, Scope::Out};

const char* zone_title(Scope s) {
    switch (s) {
    case Scope::In:
        return "In scope";
    case Scope::Shared:
        return "Shared with customers";
    case Scope::Out:
        return "Out of scope";
    }
    return "";
}

// Mermaid entity codes keep quotes, brackets and pipes from ending a label early.
std::string mermaid_text(std::string_view text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
        case '"':
            out += "#quot;";
            break;
        case '<':
            out += "#lt;";
            break;
        case '>':
            out += "#gt;";
            break;
        case '|':
            out += "#124;";
            break;
        case '#':
            out += "#35;";
            break;
        case '&':
            out += "#amp;";
            break;
        case '\n':
        case '\r':
            out += ' ';
            break;
        default:
            out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
        }
    }
    return out;
}

std::string dot_text(std::string_view text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        default:
            out += static_cast<unsigned char>(ch) < 0x20 ? ' ' : ch;
        }
    }
    return out;
}

std::string zone_id(Scope s) {
    return std::string(model::to_string(s));
}

} // namespace

Diagram diagram_of(const model::Declaration& decl) {
    Diagram d;
    d.title = decl.organization.system.value;
    std::map<std::string, std::size_t> index;
    for (Scope zone : k_zones) {
        for (const auto& c : decl.components) {
            if (c.scope.value == zone) {
                index[c.id.value] = d.nodes.size();
                d.nodes.push_back(
                    {c.id.value, c.name.value, std::string(model::to_string(c.kind.value)), zone});
            }
        }
    }
    for (const auto& c : decl.components) {
        for (const auto& r : c.relations) {
            auto to = index.find(r.target.value);
            if (to != index.end()) {
                d.edges.push_back(
                    {index.at(c.id.value), to->second, std::string(model::to_string(r.kind))});
            }
        }
    }
    return d;
}

std::string render_mermaid(const Diagram& d) {
    std::string out = "flowchart LR\n";
    for (Scope zone : k_zones) {
        out += fmt::format("  subgraph zone_{}[\"{}\"]\n", zone_id(zone), zone_title(zone));
        out += "    direction TB\n";
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (d.nodes[i].zone == zone) {
                out += fmt::format("    n{}[\"{}\"]\n", i, mermaid_text(d.nodes[i].label));
            }
        }
        out += "  end\n";
    }
    for (const DiagramEdge& e : d.edges) {
        out += fmt::format("  n{} -->|\"{}\"| n{}\n", e.from, mermaid_text(e.label), e.to);
    }
    out += "  classDef zoneIn fill:#e6f4ea,stroke:#2e7d46\n  classDef zoneShared "
           "fill:#fff4d6,stroke:#b7791f\n"
           "  classDef zoneOut fill:#eef0f4,stroke:#7a8499\n";
    for (Scope zone : k_zones) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (d.nodes[i].zone == zone) {
                ids.push_back(fmt::format("n{}", i));
            }
        }
        if (!ids.empty()) {
            out += fmt::format("  class {} {}\n", fmt::join(ids, ","),
                               zone == Scope::In       ? "zoneIn"
                               : zone == Scope::Shared ? "zoneShared"
                                                       : "zoneOut");
        }
    }
    return out;
}

std::string render_dot(const Diagram& d) {
    std::string out =
        fmt::format("digraph boundary {{\n  label=\"{}\";\n  labelloc=t;\n  rankdir=LR;\n"
                    "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=10];\n",
                    dot_text(d.title));
    const std::map<Scope, std::pair<const char*, const char*>> colors = {
        {Scope::In, {"#e6f4ea", "#2e7d46"}},
        {Scope::Shared, {"#fff4d6", "#b7791f"}},
        {Scope::Out, {"#eef0f4", "#7a8499"}}};
    for (Scope zone : k_zones) {
        out += fmt::format("  subgraph cluster_{} {{\n    label=\"{}\";\n    style=dashed;\n",
                           zone_id(zone), zone_title(zone));
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (d.nodes[i].zone == zone) {
                out += fmt::format("    n{} [label=\"{}\", fillcolor=\"{}\", color=\"{}\"];\n", i,
                                   dot_text(d.nodes[i].label), colors.at(zone).first,
                                   colors.at(zone).second);
            }
        }
        out += "  }\n";
    }
    for (const DiagramEdge& e : d.edges) {
        out += fmt::format("  n{} -> n{} [label=\"{}\"];\n", e.from, e.to, dot_text(e.label));
    }
    out += "}\n";
    return out;
}

std::string render_svg(const Diagram& d) {
    constexpr int k_box_width = 220;
    constexpr int k_box_height = 34;
    constexpr int k_sub_gap = 110; // between the two sub-columns of a zone, room for labels
    constexpr int k_zone_gap = 90;
    constexpr int k_pad = 20;
    constexpr int k_row = 46;
    constexpr int k_top = 56;
    constexpr std::size_t k_max_label = 32;
    struct Box {
        int x = 0;
        int y = 0;
    };
    // A zone whose components act on each other (an identity provider, a pipeline) gets two
    // sub-columns: the actors on the left, what they act on to the right, so edges run across.
    std::vector<bool> actor(d.nodes.size(), false);
    for (const DiagramEdge& e : d.edges) {
        if (d.nodes[e.from].zone == d.nodes[e.to].zone && e.label != "sends_data_to") {
            actor[e.from] = true;
        }
    }
    for (const DiagramEdge& e : d.edges) {
        if (actor[e.to] && d.nodes[e.from].zone == d.nodes[e.to].zone) {
            actor[e.from] =
                true; // an actor's actor stays left too; the target moves right only if passive
        }
    }
    std::vector<Box> boxes(d.nodes.size());
    int x = 0;
    int rows = 1;
    struct ZoneFrame {
        int x;
        int width;
    };
    std::vector<ZoneFrame> frames;
    for (Scope zone : k_zones) {
        bool split = false;
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            split = split || (d.nodes[i].zone == zone && actor[i]);
        }
        int left = 0;
        int right = 0;
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (d.nodes[i].zone != zone) {
                continue;
            }
            const bool on_left = !split || actor[i];
            int& row = on_left ? left : right;
            boxes[i] = {x + k_pad + (on_left ? 0 : k_box_width + k_sub_gap), k_top + row * k_row};
            ++row;
        }
        rows = std::max({rows, left, right});
        const int width = 2 * k_pad + k_box_width + (split ? k_box_width + k_sub_gap : 0);
        frames.push_back({x, width});
        x += width + k_zone_gap;
    }
    const int width = x - k_zone_gap;
    const int height = k_top + rows * k_row + 20;
    std::string out = fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
                                  "width=\"100%\" role=\"img\" "
                                  "aria-label=\"System boundary diagram\" font-family=\"system-ui, "
                                  "sans-serif\" font-size=\"12\">\n",
                                  width, height);
    out +=
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
        "fill=\"#5a6375\"/>"
        "</marker></defs>\n";
    const char* fills[] = {"#e6f4ea", "#fff4d6", "#eef0f4"};
    const char* strokes[] = {"#2e7d46", "#b7791f", "#7a8499"};
    for (std::size_t z = 0; z < 3; ++z) {
        out += fmt::format("<rect x=\"{}\" y=\"8\" width=\"{}\" height=\"{}\" rx=\"10\" "
                           "fill=\"none\" stroke=\"{}\" "
                           "stroke-dasharray=\"6 4\"/>\n<text x=\"{}\" y=\"32\" "
                           "font-weight=\"600\" font-size=\"14\" "
                           "fill=\"{}\">{}</text>\n",
                           frames[z].x, frames[z].width, height - 16, strokes[z], frames[z].x + 16,
                           strokes[z], zone_title(k_zones[z]));
    }
    std::string labels;
    std::map<std::pair<std::size_t, bool>, int> arrivals; // labels already placed at a target side
    for (const DiagramEdge& e : d.edges) {
        const Box a = boxes[e.from];
        const Box b = boxes[e.to];
        const int ay = a.y + k_box_height / 2;
        const int by = b.y + k_box_height / 2;
        std::string path;
        int lx = 0;
        int ly = 0;
        if (a.x == b.x) { // same sub-column: loop out to its right
            const int x1 = a.x + k_box_width;
            const int bulge = x1 + 24 + std::min(60, std::abs(by - ay) / 6);
            path = fmt::format("M{},{} C{},{} {},{} {},{}", x1, ay, bulge, ay, bulge, by, x1, by);
            lx = bulge + 2;
            ly = (ay + by) / 2;
        } else {
            const bool right = a.x < b.x;
            const int x1 = right ? a.x + k_box_width : a.x;
            const int x2 = right ? b.x : b.x + k_box_width;
            const int mid = (x1 + x2) / 2;
            path = fmt::format("M{},{} C{},{} {},{} {},{}", x1, ay, mid, ay, mid, by, x2, by);
            // Near the target, where arrows fan out; several into one target stack upwards.
            const int n = arrivals[{e.to, right}]++;
            lx = x2 + (right ? -34 : 34);
            ly = by - 4 - 11 * n;
        }
        out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#5a6375\" stroke-width=\"1.2\" "
                           "marker-end=\"url(#arrow)\" opacity=\"0.75\"/>\n",
                           path);
        labels += fmt::format(
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#3d4554\" text-anchor=\"middle\" "
            "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{}</text>\n",
            lx, ly, report::html_escape(e.label));
    }
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const Box b = boxes[i];
        const std::size_t z = static_cast<std::size_t>(d.nodes[i].zone);
        std::string label = d.nodes[i].label;
        if (label.size() > k_max_label) {
            std::size_t cut = k_max_label - 2;
            while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0u) == 0x80u) {
                --cut; // never split a UTF-8 sequence
            }
            label = label.substr(0, cut) + "…";
        }
        out += fmt::format(
            "<g><title>{} ({})</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" "
            "fill=\"{}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"#1d2330\">{}</text></g>\n",
            report::html_escape(d.nodes[i].label), report::html_escape(d.nodes[i].kind), b.x, b.y,
            k_box_width, k_box_height, fills[z], strokes[z], b.x + 10, b.y + 21,
            report::html_escape(label));
    }
    out += labels; // on top of boxes and curves
    out += "</svg>\n";
    return out;
}

} // namespace soc2scope::statement
