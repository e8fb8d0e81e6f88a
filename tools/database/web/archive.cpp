#include "archive.hpp"

#include <map>

namespace kpproc::cli::web {

namespace {

constexpr const char* kMeetingColumns = "d.id, d.body, d.title, d.date, d.path";

MeetingRef meeting_of(const std::vector<Cell>& row, std::size_t at) {
    return MeetingRef{row[at].value_or(""), row[at + 1], row[at + 2], row[at + 3],
                      row[at + 4].value_or("")};
}

long long count_of(const Cell& cell) {
    return cell ? std::stoll(*cell) : 0;
}

}  // namespace

std::optional<Person> Archive::person(const std::string& id) {
    Person p;
    p.id = id;
    std::map<std::string, int> names;
    for (const auto& r : db_.rows(
             std::string("SELECT ") + kMeetingColumns +
                 ", e.name, json_array_length(e.mentions), (SELECT COUNT(*) FROM speakers s "
                 "JOIN paragraphs x ON x.id = s.paragraph_id JOIN items i ON i.id = x.item_id "
                 "WHERE i.document_id = d.id AND s.entity = e.entity) FROM entities e JOIN "
                 "documents d ON d.id = e.document_id WHERE e.entity = ? AND e.type = 'PERSON' "
                 "ORDER BY d.date IS NULL, d.date, d.id",
             {id})) {
        p.meetings.push_back(
            PersonMeeting{meeting_of(r, 0), r[5].value_or(""), count_of(r[6]), count_of(r[7])});
        ++names[r[5].value_or("")];
    }
    if (p.meetings.empty()) {
        return std::nullopt;
    }
    int most = 0;
    for (const auto& [name, times] : names) {
        if (times > most) {
            p.name = name;
            most = times;
        }
    }
    for (const auto& r : db_.rows(std::string("SELECT e.name, ") + kMeetingColumns +
                                      " FROM entities e JOIN documents d ON d.id = "
                                      "e.document_id WHERE e.type = 'ROLE' AND "
                                      "json_extract(e.attributes, '$.holder') = ? ORDER BY "
                                      "d.date IS NULL, d.date, d.id",
                                  {id})) {
        p.roles.push_back(HeldRole{r[0].value_or(""), meeting_of(r, 1)});
    }
    for (const auto& pm : p.meetings) {
        for (const auto& r : db_.rows("SELECT q.text FROM questions q JOIN items i ON i.id = "
                                      "q.item_id WHERE i.document_id = ? AND q.asker = ? ORDER "
                                      "BY i.position, q.position",
                                      {pm.meeting.id, pm.name})) {
            p.questions.push_back(AskedQuestion{r[0].value_or(""), pm.meeting});
        }
    }
    return p;
}

std::vector<PersonSummary> Archive::people(const std::string& like, int limit) {
    std::vector<PersonSummary> out;
    for (const auto& r : db_.rows("SELECT entity, MIN(name), COUNT(DISTINCT document_id) AS n "
                                  "FROM entities WHERE type = 'PERSON' AND (? = '' OR name LIKE "
                                  "'%' || ? || '%') GROUP BY entity ORDER BY n DESC, 2 LIMIT ?",
                                  {like, like, std::to_string(limit)})) {
        out.push_back(PersonSummary{r[0].value_or(""), r[1].value_or(""), count_of(r[2])});
    }
    return out;
}

std::vector<MeetingRef> Archive::meetings_of_body(const std::string& body) {
    std::vector<MeetingRef> out;
    for (const auto& r : db_.rows(std::string("SELECT ") + kMeetingColumns +
                                      " FROM documents d WHERE d.body = ? ORDER BY d.date IS "
                                      "NULL, d.date, d.id",
                                  {body})) {
        out.push_back(meeting_of(r, 0));
    }
    return out;
}

std::vector<BodySummary> Archive::bodies() {
    std::vector<BodySummary> out;
    for (const auto& r : db_.rows("SELECT body, COUNT(*), MIN(date), MAX(date) FROM documents "
                                  "WHERE body IS NOT NULL GROUP BY body ORDER BY body",
                                  {})) {
        out.push_back(BodySummary{r[0].value_or(""), count_of(r[1]), r[2], r[3]});
    }
    return out;
}

}  // namespace kpproc::cli::web
