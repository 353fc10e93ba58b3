#include <soc2scope/model/declaration.hpp>

namespace soc2scope::model {

bool Component::has_control(std::string_view token) const {
    for (const auto& c : controls) {
        if (c.value == token) {
            return true;
        }
    }
    return false;
}

Operator Component::effective_operator() const {
    if (operated_by.present()) {
        return operated_by.value;
    }
    if (vendor.present()) {
        return Operator{Operator::Kind::Vendor, vendor.value};
    }
    if (kind.value == ComponentKind::CustomerNetwork || kind.value == ComponentKind::CustomerSite) {
        return Operator{Operator::Kind::Customer, {}};
    }
    return Operator{};
}

const Component* Declaration::find_component(std::string_view id) const {
    auto it = m_component_index.find(std::string(id));
    return it == m_component_index.end() ? nullptr : &components[it->second];
}

const Vendor* Declaration::find_vendor(std::string_view id) const {
    auto it = m_vendor_index.find(std::string(id));
    return it == m_vendor_index.end() ? nullptr : &vendors[it->second];
}

const Process* Declaration::find_process(ProcessKind kind) const {
    auto it = processes.find(kind);
    return it == processes.end() ? nullptr : &it->second;
}

SourceLocation Declaration::section_location(std::string_view name) const {
    auto it = sections.find(name);
    return it == sections.end() ? SourceLocation{} : it->second;
}

void Declaration::build_indexes() {
    m_component_index.clear();
    m_vendor_index.clear();
    for (std::size_t i = 0; i < components.size(); ++i) {
        m_component_index.emplace(components[i].id.value, i);
    }
    for (std::size_t i = 0; i < vendors.size(); ++i) {
        m_vendor_index.emplace(vendors[i].id.value, i);
    }
}

std::string normalize_domain(std::string_view domain) {
    std::string out;
    out.reserve(domain.size());
    for (char ch : domain) {
        if (ch == ' ' || ch == '-') {
            if (!out.empty() && out.back() != '_') {
                out += '_';
            }
        } else if (ch >= 'A' && ch <= 'Z') {
            out += static_cast<char>(ch - 'A' + 'a');
        } else {
            out += ch;
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

} // namespace soc2scope::model
