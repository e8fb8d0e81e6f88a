#pragma once
// The web app's pages (HTML, in the style of kp.exporter.html's meeting pages) and its JSON.

#include <string>
#include <vector>

#include "archive.hpp"
#include "kpproc/model.hpp"
#include "search.hpp"

namespace kpproc::cli::web {

std::string search_page(const SearchRequest& request, const std::vector<Hit>& hits);
std::string meeting_page(const Document& doc);
std::string people_page(const std::string& filter, const std::vector<PersonSummary>& people);
std::string person_page(const Person& person);
std::string bodies_page(const std::vector<BodySummary>& bodies);
std::string body_page(const std::string& body, const std::vector<MeetingRef>& meetings);
std::string api_page();
std::string error_page(int status, const std::string& reason);

std::string hits_json(const std::vector<Hit>& hits);
std::string person_json(const Person& person);
std::string bodies_json(const std::vector<BodySummary>& bodies);

}  // namespace kpproc::cli::web
