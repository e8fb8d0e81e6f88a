#include "document_codec.hpp"

#include <concepts>
#include <cstring>
#include <type_traits>
#include <variant>

#include "kpproc/error.hpp"
#include "kpproc/json.hpp"

namespace kpproc::framework::codec {

namespace {

template <class T, class Model>
concept Is = std::same_as<std::remove_const_t<T>, Model>;

// Every field of every model struct, once, for both directions: the writer and the reader
// visit the same list, so they cannot disagree. A field added to the model must be added here
// (the size checks below fail until it is).
template <class V, Is<Span> T>
void visit(V& v, T& x) {
    v(x.begin, x.end);
}
template <class V, Is<Source> T>
void visit(V& v, T& x) {
    v(x.path, x.adapter, x.media_type, x.sha256, x.bytes, x.identity);
}
template <class V, Is<Meeting> T>
void visit(V& v, T& x) {
    v(x.body, x.title, x.date, x.time, x.venue, x.contact, x.status);
}
template <class V, Is<Attendee> T>
void visit(V& v, T& x) {
    v(x.name, x.title, x.honours, x.role, x.group, x.organisation, x.span);
}
template <class V, Is<Speaker> T>
void visit(V& v, T& x) {
    v(x.entity, x.name, x.span);
}
template <class V, Is<Paragraph> T>
void visit(V& v, T& x) {
    v(x.number, x.text, x.span, x.children, x.heading, x.speakers);
}
template <class V, Is<Resolution> T>
void visit(V& v, T& x) {
    v(x.text, x.span);
}
template <class V, Is<Action> T>
void visit(V& v, T& x) {
    v(x.text, x.status, x.span, x.note, x.owner, x.due);
}
template <class V, Is<Asker> T>
void visit(V& v, T& x) {
    v(x.name, x.organisation);
}
template <class V, Is<Question> T>
void visit(V& v, T& x) {
    v(x.number, x.text, x.span, x.asker, x.answers);
}
template <class V, Is<Decision> T>
void visit(V& v, T& x) {
    v(x.ref, x.span);
}
template <class V, Is<DocumentRef> T>
void visit(V& v, T& x) {
    v(x.title, x.type, x.size_kb);
}
template <class V, Is<Event> T>
void visit(V& v, T& x) {
    v(x.kind, x.time, x.span);
}
template <class V, Is<Item> T>
void visit(V& v, T& x) {
    v(x.number, x.ref, x.title, x.title_span, x.section, x.truncated, x.description, x.paragraphs,
      x.resolutions, x.actions, x.questions, x.decisions, x.documents, x.events);
}
template <class V, Is<Mention> T>
void visit(V& v, T& x) {
    v(x.text, x.span);
}
template <class V, Is<Entity> T>
void visit(V& v, T& x) {
    v(x.id, x.type, x.name, x.attributes, x.mentions);
}
template <class V, Is<Diagnostic> T>
void visit(V& v, T& x) {
    v(x.severity, x.code, x.message, x.span);
}
template <class V, Is<Page> T>
void visit(V& v, T& x) {
    v(x.number, x.span);
}
template <class V, Is<Document> T>
void visit(V& v, T& x) {
    v(x.source, x.meeting, x.attendance, x.items, x.entities, x.text, x.diagnostics, x.pages);
}

// A tripwire for the rule above, where the sizes are known (libstdc++ on x86-64, the
// toolchain kpproc is built with): a new field nearly always changes its struct's size. (One
// that fits into padding does not; the round-trip test over the examples is the other net.)
#if defined(__GLIBCXX__) && defined(__x86_64__)
static_assert(sizeof(Span) == 16 && sizeof(Source) == 192 && sizeof(Meeting) == 280 &&
                  sizeof(Attendee) == 256 && sizeof(Speaker) == 88 && sizeof(Paragraph) == 152 &&
                  sizeof(Resolution) == 56 && sizeof(Action) == 216 && sizeof(Asker) == 80 &&
                  sizeof(Question) == 208 && sizeof(Decision) == 56 && sizeof(DocumentRef) == 96 &&
                  sizeof(Event) == 96 && sizeof(Item) == 384 && sizeof(Mention) == 48 &&
                  sizeof(Entity) == 144 && sizeof(Diagnostic) == 120 && sizeof(Page) == 24 &&
                  sizeof(Document) == 624,
              "the document model changed: update visit() in document_codec.cpp, then these sizes");
#endif

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    template <class... T>
    void operator()(const T&... fields) {
        (put(fields), ...);
    }

private:
    void raw(const void* data, std::size_t size) {
        out_.append(static_cast<const char*>(data), size);
    }
    void put(std::uint64_t n) { raw(&n, sizeof n); }
    void put(std::uint32_t n) { raw(&n, sizeof n); }
    void put(double d) { raw(&d, sizeof d); }
    void put(bool b) { out_.push_back(b ? '\1' : '\0'); }
    void put(const std::string& s) {
        put(static_cast<std::uint64_t>(s.size()));
        out_.append(s);
    }
    // Entity attributes: free-form JSON values, written as their kind (the index into
    // json::Value::Storage) and then what that kind holds.
    void put(const json::Value& v) {
        const auto& storage = v.storage();
        put(static_cast<std::uint64_t>(storage.index()));
        std::visit(
            [this](const auto& held) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(held)>, std::nullptr_t>) {
                    put(held);
                }
            },
            storage);
    }
    void put(std::int64_t n) { raw(&n, sizeof n); }
    template <class A, class B>
    void put(const std::pair<A, B>& member) {
        put(member.first);
        put(member.second);
    }
    template <class T>
    void put(const std::optional<T>& o) {
        put(o.has_value());
        if (o) {
            put(*o);
        }
    }
    template <class T>
    void put(const std::vector<T>& items) {
        put(static_cast<std::uint64_t>(items.size()));
        for (const auto& item : items) {
            put(item);
        }
    }
    template <class T>
    requires std::is_class_v<T>
    void put(const T& x) { visit(*this, x); }

    std::string& out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}

    template <class... T>
    void operator()(T&... fields) {
        (get(fields), ...);
    }
    bool at_end() const { return in_.empty(); }

private:
    [[noreturn]] static void malformed() {
        throw Error("worker-failed", "the worker process sent a malformed document");
    }
    void raw(void* data, std::size_t size) {
        if (in_.size() < size) {
            malformed();
        }
        std::memcpy(data, in_.data(), size);
        in_.remove_prefix(size);
    }
    // A count of things that each take at least a byte: no more than there are bytes left.
    std::uint64_t count() {
        std::uint64_t n = 0;
        get(n);
        if (n > in_.size()) {
            malformed();
        }
        return n;
    }
    void get(std::uint64_t& n) { raw(&n, sizeof n); }
    void get(std::uint32_t& n) { raw(&n, sizeof n); }
    void get(double& d) { raw(&d, sizeof d); }
    void get(bool& b) {
        char c = 0;
        raw(&c, 1);
        b = c != '\0';
    }
    void get(std::string& s) {
        const std::uint64_t n = count();
        s.assign(in_.data(), n);
        in_.remove_prefix(n);
    }
    void get(json::Value& v) {
        std::uint64_t kind = 0;
        get(kind);
        switch (kind) {
            case 0:
                v = json::Value(nullptr);
                return;
            case 1:
                return get_as<bool>(v);
            case 2:
                return get_as<std::int64_t>(v);
            case 3:
                return get_as<double>(v);
            case 4:
                return get_as<std::string>(v);
            case 5:
                return get_as<json::Array>(v);
            case 6:
                return get_as<json::Object>(v);
        }
        malformed();
    }
    template <class T>
    void get_as(json::Value& v) {
        T held{};
        get(held);
        v = json::Value(std::move(held));
    }
    void get(std::int64_t& n) { raw(&n, sizeof n); }
    template <class A, class B>
    void get(std::pair<A, B>& member) {
        get(member.first);
        get(member.second);
    }
    template <class T>
    void get(std::optional<T>& o) {
        bool present = false;
        get(present);
        if (present) {
            get(o.emplace());
        } else {
            o.reset();
        }
    }
    template <class T>
    void get(std::vector<T>& items) {
        items.resize(count());
        for (auto& item : items) {
            get(item);
        }
    }
    template <class T>
    requires std::is_class_v<T>
    void get(T& x) { visit(*this, x); }

    std::string_view in_;
};

}  // namespace

void encode(const Document& doc, std::string& out) {
    Writer writer(out);
    writer(doc);
}

Document decode(std::string_view bytes) {
    Document doc;
    Reader reader(bytes);
    reader(doc);
    if (!reader.at_end()) {
        throw Error("worker-failed", "the worker process sent a malformed document");
    }
    return doc;
}

}  // namespace kpproc::framework::codec
