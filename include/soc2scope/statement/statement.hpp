#pragma once

#include <string>
#include <vector>

#include <soc2scope/model/declaration.hpp>
#include <soc2scope/report/check_report.hpp>
#include <soc2scope/statement/diagram.hpp>

namespace soc2scope::statement {

// The buyer-facing boundary statement, as data.
struct Group {
    std::string title;
    std::vector<const model::Component*> components;
};

struct TriggerScope {
    std::string title;
    bool applies = false;
    std::string brings; // what the trigger brings into scope, from the first source
};

struct Answer {
    std::string question;
    bool applies = true;
    // A lead-in for the list, never a claim of its own: the buyer version states only what
    // the declaration supports.
    std::string summary;
    std::vector<std::string> in_place; // controls the declaration supports, with components
    std::vector<std::string> gaps;     // what is missing (shown with --internal only)
};

struct VendorEntry {
    const model::Vendor* vendor = nullptr;
    std::vector<const model::Component*> provides;
};

struct Statement {
    const model::Declaration* decl = nullptr;
    bool internal = false;
    util::Date as_of;
    std::vector<TriggerScope> triggers;
    std::vector<Group> in_scope; // grouped as the second source groups systems
    std::vector<const model::Component*> shared;
    std::vector<const model::Component*> out_of_scope;
    std::vector<const model::Responsibility*> responsibilities;
    std::vector<std::string> cuecs; // complementary user entity controls
    std::vector<VendorEntry> vendors;
    std::vector<Answer> answers;
    Diagram diagram;
    const report::CheckReport* report = nullptr; // open gaps and waivers, for --internal
};

Statement build_statement(const model::Declaration& decl, const report::CheckReport& report,
                          bool internal);

std::string render_statement_markdown(const Statement& s);
std::string render_statement_html(const Statement& s);

} // namespace soc2scope::statement
