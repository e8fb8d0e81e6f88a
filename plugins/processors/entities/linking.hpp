#pragma once
// From mentions to entities: one entity per person, body, role, date or figure, each mention
// linked to it; roles resolved to the person holding them where the document says so; the
// speakers of each paragraph.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gazetteer.hpp"
#include "kpproc/model.hpp"
#include "mentions.hpp"
#include "tokens.hpp"

namespace kpproc::entities {

// Fills doc.entities (replacing what was there) and the paragraphs' speakers.
void link_document(Document& doc, const Tokens& tokens, const Gazetteer& gazetteer,
                   std::vector<RecognisedMention> mentions);

// Remembers the people seen in earlier documents of a batch, so that "Mr Hill" in a later
// document gets the id of the one P M Hill seen before. Used in input order only.
class BatchDirectory {
public:
    // `scope` names the documents linked together, in linked_by and the notes: "batch" (the
    // documents of one kpproc run) or "archive" (every document of a database, kpproc link).
    explicit BatchDirectory(std::string scope = "batch") : scope_(std::move(scope)) {}

    // Links the PERSON entities of `doc` named by surname only to a person of an earlier
    // document when exactly one matches, records why not when several do, and remembers the
    // people of `doc` for the documents after it.
    void link(Document& doc);

private:
    struct Known {
        std::string id;
        std::string name;
        std::string source;  // the document it was first seen in
    };
    // A person of this document named by surname only takes the id of the one person of that
    // surname seen before (noted in `renamed`), or is noted as ambiguous when several were.
    void link_by_surname(Entity& person, const std::string& surname,
                         std::map<std::string, std::string>& renamed) const;
    // The people of this document named in full, by lower-case surname, for the documents
    // after it.
    void remember(std::vector<std::pair<std::string, Known>> learned);

    std::string scope_;
    std::map<std::string, std::vector<Known>> by_surname_;  // lower-case surname
};

}  // namespace kpproc::entities
