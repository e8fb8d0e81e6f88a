// kp.exporter.xml — the document model as XML, valid against sdk/schema/kpproc-document-v1.xsd.
// One <kpproc> root per output holds a <document> per input. Unknown values are absent
// elements (the JSON's nulls); spans are "begin end" attributes; entity attributes, which are
// JSON values, become typed <attribute> trees. A string XML 1.0 cannot carry (control
// characters) is written base64 with encoding="base64", so nothing is lost.

#include <pugixml.hpp>

#include <sstream>
#include <string>

#include "kpproc/model.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/text.hpp"

namespace {

using kpproc::Document;
using kpproc::Span;

// Whether the character at s[i] (a valid UTF-8 sequence) is one XML 1.0 cannot carry: C0
// controls other than tab, newline and carriage return, and U+FFFE/U+FFFF.
bool xml_forbidden_at(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20) {
        return c != '\t' && c != '\n' && c != '\r';
    }
    return c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
           (static_cast<unsigned char>(s[i + 2]) == 0xBE ||
            static_cast<unsigned char>(s[i + 2]) == 0xBF);
}

// True when `s` can be written as XML text as it is: valid UTF-8 (a model string need not be,
// e.g. one an embedding program built by hand) with no character XML 1.0 forbids.
bool xml_safe(std::string_view s) {
    if (!kpproc::text::is_valid_utf8(s)) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (xml_forbidden_at(s, i)) {
            return false;
        }
    }
    return true;
}

// `s` with what XML cannot carry replaced by U+FFFD: bytes that are not UTF-8 (one each) and
// forbidden characters.
std::string xml_cleaned(std::string_view s) {
    const std::string valid = kpproc::text::replace_invalid_utf8(s);
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        if (!xml_forbidden_at(valid, i)) {
            out += valid[i];
        } else {
            out += "\xEF\xBF\xBD";
            i += static_cast<unsigned char>(valid[i]) < 0x20 ? 0 : 2;  // U+FFFE/F are 3 bytes
        }
    }
    return out;
}

std::string base64(std::string_view s) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((s.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < s.size(); i += 3) {
        const unsigned a = static_cast<unsigned char>(s[i]);
        const unsigned b = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        const unsigned c = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
        const unsigned v = (a << 16) | (b << 8) | c;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += i + 1 < s.size() ? alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < s.size() ? alphabet[v & 63] : '=';
    }
    return out;
}

class XmlWriter {
public:
    explicit XmlWriter(pugi::xml_node root) : root_(root) {}

    void document(const Document& d) {
        pugi::xml_node doc = root_.append_child("document");
        pugi::xml_node source = doc.append_child("source");
        attr(source, "path", d.source.path);
        attr(source, "identity", d.source.key());
        opt_attr(source, "adapter", d.source.adapter);
        opt_attr(source, "media-type", d.source.media_type);
        opt_attr(source, "sha256", d.source.sha256);
        source.append_attribute("bytes").set_value(static_cast<unsigned long long>(d.source.bytes));

        pugi::xml_node meeting = doc.append_child("meeting");
        opt_text(meeting, "body", d.meeting.body);
        opt_text(meeting, "title", d.meeting.title);
        opt_text(meeting, "date", d.meeting.date);
        opt_text(meeting, "time", d.meeting.time);
        opt_text(meeting, "venue", d.meeting.venue);
        opt_text(meeting, "contact", d.meeting.contact);
        opt_text(meeting, "status", d.meeting.status);

        pugi::xml_node attendance = doc.append_child("attendance");
        for (const auto& a : d.attendance) {
            pugi::xml_node n = attendance.append_child("attendee");
            opt_attr(n, "group", a.group);
            span(n, "span", a.span);
            text(n, "name", a.name);
            opt_text(n, "title", a.title);
            opt_text(n, "honours", a.honours);
            opt_text(n, "role", a.role);
            opt_text(n, "organisation", a.organisation);
        }

        pugi::xml_node items = doc.append_child("items");
        for (const auto& i : d.items) {
            item(items.append_child("item"), i);
        }

        pugi::xml_node entities = doc.append_child("entities");
        for (const auto& e : d.entities) {
            pugi::xml_node n = entities.append_child("entity");
            attr(n, "id", e.id);
            attr(n, "type", e.type);
            attr(n, "name", e.name);
            pugi::xml_node attributes = n.append_child("attributes");
            for (const auto& [key, value] : e.attributes) {
                json_value(attributes.append_child("attribute"), &key, value);
            }
            for (const auto& m : e.mentions) {
                pugi::xml_node mention = n.append_child("mention");
                span(mention, "span", m.span);
                set_text(mention, m.text);
            }
        }

        text(doc, "text", d.text);
        pugi::xml_node diagnostics = doc.append_child("diagnostics");
        for (const auto& g : d.diagnostics) {
            pugi::xml_node n = diagnostics.append_child("diagnostic");
            attr(n, "severity", g.severity);
            attr(n, "code", g.code);
            span(n, "span", g.span);
            set_text(n, g.message);
        }
        if (!d.pages.empty()) {  // optional: only documents that have pages (PDFs)
            pugi::xml_node pages = doc.append_child("pages");
            for (const auto& p : d.pages) {
                pugi::xml_node n = pages.append_child("page");
                n.append_attribute("number").set_value(p.number);
                span(n, "span", p.span);
            }
        }
    }

private:
    void item(pugi::xml_node n, const kpproc::Item& i) {
        opt_attr(n, "number", i.number);
        n.append_attribute("truncated").set_value(i.truncated);
        span(n, "title-span", i.title_span);
        opt_text(n, "ref", i.ref);
        opt_text(n, "title", i.title);
        opt_text(n, "section", i.section);
        paragraphs(n.append_child("description"), i.description);
        paragraphs(n.append_child("paragraphs"), i.paragraphs);
        pugi::xml_node resolutions = n.append_child("resolutions");
        for (const auto& r : i.resolutions) {
            pugi::xml_node x = resolutions.append_child("resolution");
            span(x, "span", r.span);
            set_text(x, r.text);
        }
        pugi::xml_node actions = n.append_child("actions");
        for (const auto& a : i.actions) {
            pugi::xml_node x = actions.append_child("action");
            opt_attr(x, "status", a.status);
            opt_attr(x, "owner", a.owner);
            opt_attr(x, "due", a.due);
            span(x, "span", a.span);
            text(x, "text", a.text);
            opt_text(x, "note", a.note);
        }
        pugi::xml_node questions = n.append_child("questions");
        for (const auto& q : i.questions) {
            pugi::xml_node x = questions.append_child("question");
            opt_attr(x, "number", q.number);
            span(x, "span", q.span);
            text(x, "text", q.text);
            if (q.asker) {
                pugi::xml_node asker = x.append_child("asker");
                opt_text(asker, "name", q.asker->name);
                opt_text(asker, "organisation", q.asker->organisation);
            }
            paragraphs(x.append_child("answers"), q.answers);
        }
        pugi::xml_node decisions = n.append_child("decisions");
        for (const auto& dec : i.decisions) {
            pugi::xml_node x = decisions.append_child("decision");
            attr(x, "ref", dec.ref);
            span(x, "span", dec.span);
        }
        pugi::xml_node documents = n.append_child("documents");
        for (const auto& doc : i.documents) {
            pugi::xml_node x = documents.append_child("attached");
            opt_attr(x, "type", doc.type);
            if (doc.size_kb) {
                x.append_attribute("size-kb").set_value(*doc.size_kb);
            }
            opt_text(x, "title", doc.title);
        }
        pugi::xml_node events = n.append_child("events");
        for (const auto& e : i.events) {
            pugi::xml_node x = events.append_child("event");
            attr(x, "kind", e.kind);
            opt_attr(x, "time", e.time);
            span(x, "span", e.span);
        }
    }

    void paragraphs(pugi::xml_node parent, const std::vector<kpproc::Paragraph>& list) {
        for (const auto& p : list) {
            pugi::xml_node n = parent.append_child("paragraph");
            opt_attr(n, "number", p.number);
            span(n, "span", p.span);
            if (p.heading) {
                n.append_attribute("heading").set_value(true);
            }
            text(n, "text", p.text);
            for (const auto& s : p.speakers) {
                pugi::xml_node speaker = n.append_child("speaker");
                attr(speaker, "entity", s.entity);
                span(speaker, "span", s.span);
                set_text(speaker, s.name);
            }
            if (!p.children.empty()) {
                paragraphs(n.append_child("children"), p.children);
            }
        }
    }

    // A JSON value as <attribute name type>: strings, numbers and booleans as text, objects
    // and arrays as children (<attribute name> and <value> respectively).
    void json_value(pugi::xml_node n, const std::string* name, const kpproc::json::Value& v) {
        if (name != nullptr) {
            attr(n, "name", *name);
        }
        if (v.is_null()) {
            n.append_attribute("type").set_value("null");
        } else if (v.is_bool()) {
            n.append_attribute("type").set_value("boolean");
            n.text().set(v.as_bool() ? "true" : "false");
        } else if (v.is_int()) {
            n.append_attribute("type").set_value("number");
            n.text().set(static_cast<long long>(v.as_int()));
        } else if (v.is_number()) {
            n.append_attribute("type").set_value("number");
            n.text().set(v.as_number());
        } else if (v.is_string()) {
            n.append_attribute("type").set_value("string");
            set_text(n, v.as_string());
        } else if (v.is_array()) {
            n.append_attribute("type").set_value("array");
            for (const auto& element : v.as_array()) {
                json_value(n.append_child("value"), nullptr, element);
            }
        } else {
            n.append_attribute("type").set_value("object");
            for (const auto& [key, value] : v.as_object()) {
                json_value(n.append_child("attribute"), &key, value);
            }
        }
    }

    static void set_text(pugi::xml_node n, std::string_view value) {
        if (xml_safe(value)) {
            n.text().set(std::string(value).c_str());
        } else {
            n.append_attribute("encoding").set_value("base64");
            n.text().set(base64(value).c_str());
        }
    }
    static void text(pugi::xml_node parent, const char* name, std::string_view value) {
        set_text(parent.append_child(name), value);
    }
    static void opt_text(pugi::xml_node parent, const char* name,
                         const kpproc::OptionalString& value) {
        if (value) {
            text(parent, name, *value);
        }
    }
    // Attribute values cannot be base64-flagged one by one, so what XML cannot carry there
    // becomes U+FFFD; the same strings appear in full elsewhere (a path in source's identity,
    // ids and names of entities in the text, whose element keeps every byte).
    static void attr(pugi::xml_node n, const char* name, std::string_view value) {
        const std::string safe = xml_safe(value) ? std::string(value) : xml_cleaned(value);
        n.append_attribute(name).set_value(safe.c_str());
    }
    static void opt_attr(pugi::xml_node n, const char* name, const kpproc::OptionalString& value) {
        if (value) {
            attr(n, name, *value);
        }
    }
    static void span(pugi::xml_node n, const char* name, const std::optional<Span>& s) {
        if (s) {
            n.append_attribute(name).set_value(
                (std::to_string(s->begin) + " " + std::to_string(s->end)).c_str());
        }
    }

    pugi::xml_node root_;
};

class XmlExporter final : public kpproc::Exporter {
public:
    explicit XmlExporter(const kpproc::Options& options) : indent_(options.get_bool("indent")) {}

    void begin(const kpproc::ExportTarget& /*target*/, std::ostream& out) override {
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<kpproc xmlns=\""
            << kNamespace << "\" version=\"1\">\n";
    }

    void write(const Document& doc, std::ostream& out) override { render(doc, out); }

    // Building and printing the tree is the whole cost: it runs on the workers (ABI 1.3).
    bool prepare(const Document& doc, const kpproc::ExportTarget& /*target*/,
                 std::string& prepared) override {
        std::ostringstream out;
        render(doc, out);
        prepared = std::move(out).str();
        return true;
    }

    void write_prepared(const Document& /*doc*/, std::string_view prepared,
                        std::ostream& out) override {
        out.write(prepared.data(), static_cast<std::streamsize>(prepared.size()));
    }

    void end(std::ostream& out) override { out << "</kpproc>\n"; }

    static constexpr const char* kNamespace = "https://kpproc.example/schema/kpproc-document-v1";

private:
    void render(const Document& doc, std::ostream& out) const {
        pugi::xml_document tree;
        XmlWriter(tree).document(doc);
        tree.first_child().print(out, indent_ ? "  " : "",
                                 indent_ ? pugi::format_indent : pugi::format_raw,
                                 pugi::encoding_utf8, indent_ ? 1 : 0);
        if (!indent_) {
            out << '\n';
        }
    }

    bool indent_;
};

}  // namespace

KPPROC_PLUGIN(XmlExporter,
              {.id = "kp.exporter.xml",
               .version = "1.0.0",
               .summary = "The document model as XML (schema: sdk/schema/kpproc-document-v1.xsd)",
               .media_types = {"application/xml"},
               .extensions = {".xml"},
               .options = {{.name = "indent",
                            .type = kpproc::OptionType::boolean,
                            .default_value = "true",
                            .description = "Indent the elements for reading"}}})
