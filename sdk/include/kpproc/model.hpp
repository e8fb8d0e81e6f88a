#pragma once
// The common document model every adapter produces, every processor enriches and every
// exporter writes. Field names are the JSON v1 names (see sdk/schema and DESIGN.md).
//
// Conventions:
//  * Unknown is null: every fact a source may not give is std::optional and stays empty
//    rather than being guessed.
//  * Every Span is [begin, end) in bytes into Document::text (stand-off annotation), so any
//    fact can be traced back to the words it came from.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/json.hpp"

namespace kpproc {

// Version of the document model's JSON form ("kpproc": "1").
inline constexpr const char* kModelVersion = "1";

struct Span {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::uint64_t size() const { return end - begin; }
    friend bool operator==(const Span&, const Span&) = default;
};

using OptionalString = std::optional<std::string>;

struct Source {
    std::string path;        // as the user named it ("-" for standard input), in valid UTF-8: each
                             // byte of a file name that is not UTF-8 is shown as U+FFFD
    OptionalString adapter;  // id of the adapter that parsed it
    OptionalString media_type;  // e.g. "text/plain", "text/html"
    OptionalString sha256;      // hex digest of the input bytes
    std::uint64_t bytes = 0;    // size of the input in bytes
    // Which source this is, stable across runs and working directories, so that a database can
    // tell a new version of a document from another document: a file's absolute path with
    // links resolved; for standard input the name given with --name, else "stdin:sha256:HEX".
    // '%', control characters and bytes that are not UTF-8 are written %XX, so it is lossless.
    std::string identity;
    // The identity, or the path for a document made without one (by hand, or read from JSON
    // written before identities existed): what exporters key a document by.
    const std::string& key() const { return identity.empty() ? path : identity; }
    friend bool operator==(const Source&, const Source&) = default;
};

struct Meeting {
    OptionalString body;  // "Kent and Medway Police and Crime Panel"
    OptionalString title;
    OptionalString date;  // ISO 8601, "2023-10-17"
    OptionalString time;  // "HH:MM", 24-hour
    OptionalString venue;
    OptionalString contact;
    OptionalString status;  // "moved", "cancelled", …
    friend bool operator==(const Meeting&, const Meeting&) = default;
};

struct Attendee {
    std::string name;
    OptionalString title;    // "Mr", "Cllr", …
    OptionalString honours;  // "OBE"
    OptionalString role;     // "Chairman"
    OptionalString group;    // present|also_present|in_attendance|apologies|substitute|
                             // officer|absent
    OptionalString organisation;
    std::optional<Span> span;
    friend bool operator==(const Attendee&, const Attendee&) = default;
};

// Who speaks or acts in a paragraph ("The Commissioner explained …"), as a processor found it.
struct Speaker {
    std::string entity;  // the id of an entry in Document::entities (a PERSON, or a ROLE whose
                         // holder the document does not name)
    std::string name;    // that entity's name, for readers of the JSON
    std::optional<Span> span;  // the words that name the speaker
    friend bool operator==(const Speaker&, const Speaker&) = default;
};

struct Paragraph {
    OptionalString number;  // "1", "a", "iv"; null when unnumbered
    std::string text;
    std::optional<Span> span;
    std::vector<Paragraph> children;
    bool heading = false;           // a sub-heading; its children are the paragraphs it heads
    std::vector<Speaker> speakers;  // filled in by processors; empty when nobody is named
    friend bool operator==(const Paragraph&, const Paragraph&) = default;
};

struct Resolution {
    std::string text;
    std::optional<Span> span;
    friend bool operator==(const Resolution&, const Resolution&) = default;
};

struct Action {
    std::string text;
    OptionalString status;  // "Discharged", "Ongoing", …
    std::optional<Span> span;
    OptionalString note;   // what the source says after the status
    OptionalString owner;  // who is to do it ("Head of Finance", "RQ"), where the source says
    OptionalString due;    // by when, ISO 8601, where the source gives a full date
    friend bool operator==(const Action&, const Action&) = default;
};

struct Asker {
    OptionalString name;
    OptionalString organisation;
    friend bool operator==(const Asker&, const Asker&) = default;
};

struct Question {
    OptionalString number;
    std::string text;
    std::optional<Span> span;
    std::optional<Asker> asker;
    std::vector<Paragraph> answers;
    friend bool operator==(const Question&, const Question&) = default;
};

struct Decision {
    std::string ref;  // "OPCC.D.034.23"
    std::optional<Span> span;
    friend bool operator==(const Decision&, const Decision&) = default;
};

struct DocumentRef {
    OptionalString title;
    OptionalString type;            // "PDF"
    std::optional<double> size_kb;  // 145
    friend bool operator==(const DocumentRef&, const DocumentRef&) = default;
};

struct Event {
    std::string kind;     // adjourned|reconvened|…
    OptionalString time;  // "HH:MM"
    std::optional<Span> span;
    friend bool operator==(const Event&, const Event&) = default;
};

struct Item {
    OptionalString number;  // "312", "39/20", "4.1"; null when the source gives none
    OptionalString ref;     // "Item B1"
    OptionalString title;
    std::optional<Span> title_span;
    OptionalString section;              // "UNRESTRICTED ITEMS", "PART A – …"
    bool truncated = false;              // the source shows only part of this item's text
    std::vector<Paragraph> description;  // the agenda's text for the item (before "Minutes:")
    std::vector<Paragraph> paragraphs;   // the minutes
    std::vector<Resolution> resolutions;
    std::vector<Action> actions;
    std::vector<Question> questions;
    std::vector<Decision> decisions;
    std::vector<DocumentRef> documents;
    std::vector<Event> events;
    friend bool operator==(const Item&, const Item&) = default;
};

struct Mention {
    std::string text;
    Span span;
    friend bool operator==(const Mention&, const Mention&) = default;
};

struct Entity {
    std::string id;    // stable within a document (and across a batch where linking says so)
    std::string type;  // PERSON, ORGANISATION, DATE, MONEY, …
    std::string name;  // normalised value
    json::Object attributes;
    std::vector<Mention> mentions;
    friend bool operator==(const Entity&, const Entity&) = default;
};

struct Diagnostic {
    std::string severity;  // info|warning|error
    std::string code;      // kebab-case
    std::string message;
    std::optional<Span> span;
    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// A page of the source (a PDF's): its number, from 1, and the text it holds.
struct Page {
    std::uint32_t number = 0;
    Span span;
    friend bool operator==(const Page&, const Page&) = default;
};

struct Document {
    Source source;
    Meeting meeting;
    std::vector<Attendee> attendance;
    std::vector<Item> items;
    std::vector<Entity> entities;
    std::string text;  // normalised UTF-8 text every span points into
    std::vector<Diagnostic> diagnostics;
    // ABI 1.4, and last so that plugins built before it, which never see it, find every other
    // member where they expect it. Empty unless the source has pages (a PDF); then each page's
    // text, in order, so that a span can be cited by page.
    std::vector<Page> pages;
    friend bool operator==(const Document&, const Document&) = default;

    // The words a span covers; empty if the span lies outside the text.
    std::string_view slice(const Span& span) const;
    // The number of the page where `offset` into the text lies, if the document has pages.
    std::optional<std::uint32_t> page_at(std::uint64_t offset) const;
    void add_diagnostic(std::string severity, std::string code, std::string message,
                        std::optional<Span> span = std::nullopt);
};

}  // namespace kpproc
