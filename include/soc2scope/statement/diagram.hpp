#pragma once

#include <string>
#include <vector>

#include <soc2scope/model/declaration.hpp>

namespace soc2scope::statement {

// The boundary as a graph: components in three zones, relations as labelled edges.
struct DiagramNode {
    std::string id;    // the component id
    std::string label; // its name
    std::string kind;
    model::Scope zone;
};

struct DiagramEdge {
    std::size_t from;
    std::size_t to;
    std::string label; // the relation: authenticates, deploys, ...
};

struct Diagram {
    std::string title;
    std::vector<DiagramNode> nodes; // by zone (in, shared, out), then declaration order
    std::vector<DiagramEdge> edges;
};

Diagram diagram_of(const model::Declaration& decl);

// Each escapes labels for its language, so any component name renders as text.
std::string render_mermaid(const Diagram& d);
std::string render_dot(const Diagram& d);
// An SVG laid out by us: three zone columns, boxes stacked in each, edges as curves with
// their labels. Stays readable at 50 components.
std::string render_svg(const Diagram& d);

} // namespace soc2scope::statement
