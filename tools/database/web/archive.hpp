#pragma once
// What the web app asks of a whole archive beyond one meeting: a person across meetings, the
// meetings of a body, the lists of people and bodies. Read from a database the sqlite exporter
// wrote, every query parameterised.

#include <optional>
#include <string>
#include <vector>

#include "document_reader.hpp"

namespace kpproc::cli::web {

struct MeetingRef {
    std::string id;  // documents.id
    std::optional<std::string> body;
    std::optional<std::string> title;
    std::optional<std::string> date;
    std::string path;
};

struct PersonMeeting {
    MeetingRef meeting;
    std::string name;  // as that meeting's entities name them
    long long mentions = 0;
    long long spoke = 0;  // paragraphs they spoke in
};

struct HeldRole {
    std::string role;
    MeetingRef meeting;
};

struct AskedQuestion {
    std::string text;
    MeetingRef meeting;
};

struct Person {
    std::string id;                       // the entity id: "person:scott.m"
    std::string name;                     // the name most meetings give
    std::vector<PersonMeeting> meetings;  // by date
    std::vector<HeldRole> roles;
    std::vector<AskedQuestion> questions;
};

struct PersonSummary {
    std::string id;
    std::string name;
    long long meetings = 0;
};

struct BodySummary {
    std::string name;
    long long meetings = 0;
    std::optional<std::string> first;
    std::optional<std::string> last;
};

class Archive {
public:
    explicit Archive(CellQuery& db) : db_(db) {}

    // nullopt when no meeting names the entity `id` as a PERSON.
    std::optional<Person> person(const std::string& id);
    // The people most meetings name, most first; `like` filters their names.
    std::vector<PersonSummary> people(const std::string& like, int limit);
    std::vector<MeetingRef> meetings_of_body(const std::string& body);
    std::vector<BodySummary> bodies();

private:
    CellQuery& db_;
};

}  // namespace kpproc::cli::web
