#include "kpproc/model_json.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>

#include <cmath>

#include "kpproc/error.hpp"

namespace kpproc {

// ---- Writing --------------------------------------------------------------------------------

namespace {

class DocumentWriter {
public:
    explicit DocumentWriter(json::Writer& w) : w_(w) {}

    void document(const Document& d) {
        w_.begin_object();
        w_.key("kpproc").string(kModelVersion);
        w_.key("source").begin_object();
        w_.key("path").string(d.source.path);
        w_.key("identity").string(d.source.identity);
        opt("adapter", d.source.adapter);
        opt("media_type", d.source.media_type);
        opt("sha256", d.source.sha256);
        w_.key("bytes").integer(static_cast<std::int64_t>(d.source.bytes));
        w_.end_object();

        const Meeting& m = d.meeting;
        w_.key("meeting").begin_object();
        opt("body", m.body);
        opt("title", m.title);
        opt("date", m.date);
        opt("time", m.time);
        opt("venue", m.venue);
        opt("contact", m.contact);
        opt("status", m.status);
        w_.end_object();

        list("attendance", d.attendance, [&](const Attendee& a) {
            w_.begin_object();
            w_.key("name").string(a.name);
            opt("title", a.title);
            opt("honours", a.honours);
            opt("role", a.role);
            opt("group", a.group);
            opt("organisation", a.organisation);
            span("span", a.span);
            w_.end_object();
        });
        list("items", d.items, [&](const Item& i) { item(i); });
        list("entities", d.entities, [&](const Entity& e) {
            w_.begin_object();
            w_.key("id").string(e.id);
            w_.key("type").string(e.type);
            w_.key("name").string(e.name);
            w_.key("attributes").value(json::Value(e.attributes));
            list("mentions", e.mentions, [&](const Mention& mention) {
                w_.begin_object();
                w_.key("text").string(mention.text);
                span("span", mention.span);
                w_.end_object();
            });
            w_.end_object();
        });
        w_.key("text").string(d.text);
        list("diagnostics", d.diagnostics, [&](const Diagnostic& g) {
            w_.begin_object();
            w_.key("severity").string(g.severity);
            w_.key("code").string(g.code);
            w_.key("message").string(g.message);
            span("span", g.span);
            w_.end_object();
        });
        if (!d.pages.empty()) {  // optional in JSON v1: only documents that have pages
            list("pages", d.pages, [&](const Page& p) {
                w_.begin_object();
                w_.key("number").integer(p.number);
                span("span", p.span);
                w_.end_object();
            });
        }
        w_.end_object();
    }

private:
    void opt(std::string_view key, const OptionalString& v) {
        w_.key(key);
        v ? w_.string(*v) : w_.null();
    }

    void span(std::string_view key, const std::optional<Span>& s) {
        w_.key(key);
        if (!s) {
            w_.null();
            return;
        }
        w_.begin_array()
            .integer(static_cast<std::int64_t>(s->begin))
            .integer(static_cast<std::int64_t>(s->end))
            .end_array();
    }

    template <class T, class F>
    void list(std::string_view key, const std::vector<T>& values, F&& each) {
        w_.key(key).begin_array();
        for (const T& v : values) {
            each(v);
        }
        w_.end_array();
    }

    void paragraph(const Paragraph& p) {
        w_.begin_object();
        opt("number", p.number);
        w_.key("text").string(p.text);
        span("span", p.span);
        w_.key("heading").boolean(p.heading);
        list("speakers", p.speakers, [&](const Speaker& sp) {
            w_.begin_object();
            w_.key("entity").string(sp.entity);
            w_.key("name").string(sp.name);
            span("span", sp.span);
            w_.end_object();
        });
        list("children", p.children, [&](const Paragraph& c) { paragraph(c); });
        w_.end_object();
    }

    void item(const Item& i) {
        w_.begin_object();
        opt("number", i.number);
        opt("ref", i.ref);
        opt("title", i.title);
        span("title_span", i.title_span);
        opt("section", i.section);
        w_.key("truncated").boolean(i.truncated);
        list("description", i.description, [&](const Paragraph& p) { paragraph(p); });
        list("paragraphs", i.paragraphs, [&](const Paragraph& p) { paragraph(p); });
        list("resolutions", i.resolutions, [&](const Resolution& r) {
            w_.begin_object();
            w_.key("text").string(r.text);
            span("span", r.span);
            w_.end_object();
        });
        list("actions", i.actions, [&](const Action& a) {
            w_.begin_object();
            w_.key("text").string(a.text);
            opt("status", a.status);
            span("span", a.span);
            opt("note", a.note);
            opt("owner", a.owner);
            opt("due", a.due);
            w_.end_object();
        });
        list("questions", i.questions, [&](const Question& q) {
            w_.begin_object();
            opt("number", q.number);
            w_.key("text").string(q.text);
            span("span", q.span);
            w_.key("asker");
            if (q.asker) {
                w_.begin_object();
                opt("name", q.asker->name);
                opt("organisation", q.asker->organisation);
                w_.end_object();
            } else {
                w_.null();
            }
            list("answers", q.answers, [&](const Paragraph& p) { paragraph(p); });
            w_.end_object();
        });
        list("decisions", i.decisions, [&](const Decision& dec) {
            w_.begin_object();
            w_.key("ref").string(dec.ref);
            span("span", dec.span);
            w_.end_object();
        });
        list("documents", i.documents, [&](const DocumentRef& doc) {
            w_.begin_object();
            opt("title", doc.title);
            opt("type", doc.type);
            w_.key("size_kb");
            doc.size_kb ? w_.number(*doc.size_kb) : w_.null();
            w_.end_object();
        });
        list("events", i.events, [&](const Event& e) {
            w_.begin_object();
            w_.key("kind").string(e.kind);
            opt("time", e.time);
            span("span", e.span);
            w_.end_object();
        });
        w_.end_object();
    }

    json::Writer& w_;
};

// ---- Reading --------------------------------------------------------------------------------

// Reads fields with a path for error messages ("items[3].paragraphs[0].span: expected …").
class Reader {
public:
    Reader(const json::Value& v, std::string path) : v_(v), path_(std::move(path)) {
        if (!v_.is_object()) {
            fail(path_, std::string("expected an object, found ") + v_.type_name());
        }
    }

    [[noreturn]] static void fail(const std::string& path, const std::string& what) {
        throw Error("invalid-document",
                    (path.empty() ? std::string("document") : path) + ": " + what);
    }

    std::string at(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }

    const json::Value* field(std::string_view key) const {
        const json::Value* f = v_.find(key);
        return (f == nullptr || f->is_null()) ? nullptr : f;
    }

    std::string str(std::string_view key, bool required = false) const {
        const json::Value* f = field(key);
        if (f == nullptr) {
            if (required) {
                fail(at(key), "missing");
            }
            return {};
        }
        if (!f->is_string()) {
            fail(at(key), std::string("expected a string, found ") + f->type_name());
        }
        return f->as_string();
    }

    OptionalString opt(std::string_view key) const {
        if (field(key) == nullptr) {
            return std::nullopt;
        }
        return str(key);
    }

    bool boolean(std::string_view key) const {
        const json::Value* f = field(key);
        if (f == nullptr) {
            return false;
        }
        if (!f->is_bool()) {
            fail(at(key), std::string("expected true or false, found ") + f->type_name());
        }
        return f->as_bool();
    }

    std::uint64_t count(std::string_view key) const {
        const json::Value* f = field(key);
        if (f == nullptr) {
            return 0;
        }
        if (!f->is_int() || f->as_int() < 0) {
            fail(at(key), "expected a non-negative integer");
        }
        return static_cast<std::uint64_t>(f->as_int());
    }

    std::optional<double> number(std::string_view key) const {
        const json::Value* f = field(key);
        if (f == nullptr) {
            return std::nullopt;
        }
        if (!f->is_number()) {
            fail(at(key), std::string("expected a number, found ") + f->type_name());
        }
        return f->as_number();
    }

    std::optional<Span> span(std::string_view key) const {
        const json::Value* f = field(key);
        if (f == nullptr) {
            return std::nullopt;
        }
        const auto bad = [&] { fail(at(key), "expected [begin, end] with 0 <= begin <= end"); };
        if (!f->is_array() || f->as_array().size() != 2) {
            bad();
        }
        const auto& a = f->as_array();
        if (!a[0].is_int() || !a[1].is_int() || a[0].as_int() < 0 ||
            a[1].as_int() < a[0].as_int()) {
            bad();
        }
        return Span{static_cast<std::uint64_t>(a[0].as_int()),
                    static_cast<std::uint64_t>(a[1].as_int())};
    }

    const json::Value* object(std::string_view key) const {
        const json::Value* f = field(key);
        if (f != nullptr && !f->is_object()) {
            fail(at(key), std::string("expected an object, found ") + f->type_name());
        }
        return f;
    }

    template <class T, class F>
    std::vector<T> list(std::string_view key, F&& read_one) const {
        std::vector<T> out;
        const json::Value* f = field(key);
        if (f == nullptr) {
            return out;
        }
        if (!f->is_array()) {
            fail(at(key), std::string("expected an array, found ") + f->type_name());
        }
        const auto& arr = f->as_array();
        out.reserve(arr.size());
        for (std::size_t i = 0; i < arr.size(); ++i) {
            out.push_back(read_one(Reader(arr[i], at(key) + "[" + std::to_string(i) + "]")));
        }
        return out;
    }

    const std::string& path() const { return path_; }

private:
    const json::Value& v_;
    std::string path_;
};

Paragraph read_paragraph(const Reader& r) {
    Paragraph p;
    p.number = r.opt("number");
    p.text = r.str("text");
    p.span = r.span("span");
    p.heading = r.boolean("heading");
    p.speakers = r.list<Speaker>("speakers", [](const Reader& x) {
        return Speaker{x.str("entity", true), x.str("name"), x.span("span")};
    });
    p.children = r.list<Paragraph>("children", read_paragraph);
    return p;
}

Item read_item(const Reader& r) {
    Item i;
    i.number = r.opt("number");
    i.ref = r.opt("ref");
    i.title = r.opt("title");
    i.title_span = r.span("title_span");
    i.section = r.opt("section");
    i.truncated = r.boolean("truncated");
    i.description = r.list<Paragraph>("description", read_paragraph);
    i.paragraphs = r.list<Paragraph>("paragraphs", read_paragraph);
    i.resolutions = r.list<Resolution>("resolutions", [](const Reader& x) {
        return Resolution{x.str("text"), x.span("span")};
    });
    i.actions = r.list<Action>("actions", [](const Reader& x) {
        return Action{x.str("text"), x.opt("status"), x.span("span"),
                      x.opt("note"), x.opt("owner"),  x.opt("due")};
    });
    i.questions = r.list<Question>("questions", [](const Reader& x) {
        Question q;
        q.number = x.opt("number");
        q.text = x.str("text");
        q.span = x.span("span");
        if (const json::Value* a = x.object("asker")) {
            const Reader ar(*a, x.at("asker"));
            q.asker = Asker{ar.opt("name"), ar.opt("organisation")};
        }
        q.answers = x.list<Paragraph>("answers", read_paragraph);
        return q;
    });
    i.decisions = r.list<Decision>("decisions", [](const Reader& x) {
        return Decision{x.str("ref", true), x.span("span")};
    });
    i.documents = r.list<DocumentRef>("documents", [](const Reader& x) {
        return DocumentRef{x.opt("title"), x.opt("type"), x.number("size_kb")};
    });
    i.events = r.list<Event>("events", [](const Reader& x) {
        return Event{x.str("kind", true), x.opt("time"), x.span("span")};
    });
    return i;
}

}  // namespace

void write_json(const Document& doc, std::string& out, JsonStyle style) {
    json::Writer w(out, style.indent);
    DocumentWriter(w).document(doc);
}

std::string to_json(const Document& doc, JsonStyle style) {
    std::string out;
    out.reserve(doc.text.size() * 2 + 1024);
    write_json(doc, out, style);
    return out;
}

Document document_from_json(std::string_view text) {
    return document_from_value(json::parse(text));
}

Document document_from_value(const json::Value& value) {
    const Reader r(value, "");
    const std::string version = r.str("kpproc", true);
    if (version != kModelVersion) {
        Reader::fail("kpproc", "model version '" + version + "' is not supported (expected '" +
                                   kModelVersion + "')");
    }
    Document d;
    if (const json::Value* s = r.object("source")) {
        const Reader sr(*s, "source");
        d.source.path = sr.str("path");
        // Documents written before identities existed: their path is the best identity known.
        d.source.identity = sr.opt("identity").value_or(d.source.path);
        d.source.adapter = sr.opt("adapter");
        d.source.media_type = sr.opt("media_type");
        d.source.sha256 = sr.opt("sha256");
        d.source.bytes = sr.count("bytes");
    }
    if (const json::Value* m = r.object("meeting")) {
        const Reader mr(*m, "meeting");
        d.meeting = Meeting{mr.opt("body"),  mr.opt("title"),   mr.opt("date"),  mr.opt("time"),
                            mr.opt("venue"), mr.opt("contact"), mr.opt("status")};
    }
    d.attendance = r.list<Attendee>("attendance", [](const Reader& x) {
        return Attendee{x.str("name", true), x.opt("title"),        x.opt("honours"), x.opt("role"),
                        x.opt("group"),      x.opt("organisation"), x.span("span")};
    });
    d.items = r.list<Item>("items", read_item);
    d.entities = r.list<Entity>("entities", [](const Reader& x) {
        Entity e;
        e.id = x.str("id", true);
        e.type = x.str("type", true);
        e.name = x.str("name");
        if (const json::Value* a = x.object("attributes")) {
            e.attributes = a->as_object();
        }
        e.mentions = x.list<Mention>("mentions", [](const Reader& mr) {
            const auto sp = mr.span("span");
            if (!sp) {
                Reader::fail(mr.at("span"), "missing");
            }
            return Mention{mr.str("text"), *sp};
        });
        return e;
    });
    d.text = r.str("text");
    d.diagnostics = r.list<Diagnostic>("diagnostics", [](const Reader& x) {
        return Diagnostic{x.str("severity", true), x.str("code", true), x.str("message"),
                          x.span("span")};
    });
    d.pages = r.list<Page>("pages", [](const Reader& x) {
        const std::uint64_t number = x.count("number");
        const auto sp = x.span("span");
        if (number == 0 || number > UINT32_MAX) {
            Reader::fail(x.at("number"), "expected a page number from 1");
        }
        if (!sp) {
            Reader::fail(x.at("span"), "missing");
        }
        return Page{static_cast<std::uint32_t>(number), *sp};
    });
    return d;
}

// ---- Document helpers -----------------------------------------------------------------------

std::optional<std::uint32_t> Document::page_at(std::uint64_t offset) const {
    // The last page that begins at or before the offset (pages are in order).
    const auto after =
        std::upper_bound(pages.begin(), pages.end(), offset,
                         [](std::uint64_t o, const Page& p) { return o < p.span.begin; });
    if (after == pages.begin()) {
        return std::nullopt;
    }
    return std::prev(after)->number;
}

std::string_view Document::slice(const Span& span) const {
    if (span.begin > span.end || span.end > text.size()) {
        return {};
    }
    return std::string_view(text).substr(span.begin, span.end - span.begin);
}

void Document::add_diagnostic(std::string severity, std::string code, std::string message,
                              std::optional<Span> span) {
    diagnostics.push_back(
        Diagnostic{std::move(severity), std::move(code), std::move(message), span});
}

}  // namespace kpproc
