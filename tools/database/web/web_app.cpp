#include "web_app.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "archive.hpp"
#include "document_reader.hpp"
#include "kpproc/error.hpp"
#include "kpproc/json.hpp"
#include "kpproc/model_json.hpp"
#include "search.hpp"
#include "web_pages.hpp"

namespace kpproc::cli::web {

namespace {

// A request's problem, answered with its status and reason.
struct Refused {
    int status;
    std::string reason;
};

using Parameters = std::map<std::string, std::string>;

// The query's parameters, each at most once and each one the route takes.
Parameters parameters_of(const Poco::URI& uri, const std::set<std::string>& allowed) {
    Parameters out;
    for (const auto& [key, value] : uri.getQueryParameters()) {
        if (allowed.count(key) == 0) {
            throw Refused{400, "unknown parameter '" + key + "'"};
        }
        if (!out.emplace(key, value).second) {
            throw Refused{400, "the parameter '" + key + "' is given twice"};
        }
    }
    return out;
}

std::string parameter(const Parameters& p, const std::string& key) {
    const auto found = p.find(key);
    return found == p.end() ? std::string() : found->second;
}

bool is_iso_date(const std::string& s) {
    return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
           std::all_of(s.begin(), s.end(),
                       [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

// The search's filters, checked as `kpproc search` checks them.
SearchRequest search_request(const std::string& database, const Parameters& p) {
    SearchRequest r;
    r.database = database;
    r.query = parameter(p, "q");
    r.body = parameter(p, "body");
    r.from = parameter(p, "from");
    r.to = parameter(p, "to");
    r.person = parameter(p, "person");
    r.kind = parameter(p, "type");
    for (const auto& [name, date] : {std::pair{"from", r.from}, std::pair{"to", r.to}}) {
        if (!date.empty() && !is_iso_date(date)) {
            throw Refused{400, std::string(name) + " takes a date as YYYY-MM-DD"};
        }
    }
    static const std::set<std::string> kinds = {"", "paragraph", "resolution", "question",
                                                "action"};
    if (kinds.count(r.kind) == 0) {
        throw Refused{400, "type is one of paragraph, resolution, question, action"};
    }
    const std::string limit = parameter(p, "limit");
    if (!limit.empty()) {
        const auto [end, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), r.limit);
        if (ec != std::errc() || end != limit.data() + limit.size() || r.limit < 1 ||
            r.limit > 200) {
            throw Refused{400, "limit is a number from 1 to 200"};
        }
    }
    return r;
}

std::vector<Hit> run_search(const SearchRequest& r) {
    try {
        return search_sqlite(r);
    } catch (const Error& e) {
        if (e.code() == "bad-query") {
            throw Refused{400, e.what()};
        }
        throw;
    }
}

Response json_response(std::string body) {
    return Response{200, "application/json; charset=utf-8", std::move(body)};
}

// Routes a request to what answers it.
class Router {
public:
    Router(const std::string& database, const Poco::URI& uri) : database_(database), uri_(uri) {
        uri_.getPathSegments(segments_);
    }

    Response route() {
        const bool api = !segments_.empty() && segments_[0] == "api";
        const std::vector<std::string> rest(segments_.begin() + (api ? 1 : 0), segments_.end());
        return api ? route_api(rest) : route_page(rest);
    }

private:
    Response route_page(const std::vector<std::string>& s) {
        if (s.empty()) {
            const Parameters p =
                parameters_of(uri_, {"q", "body", "from", "to", "person", "type", "limit"});
            const SearchRequest r = search_request(database_, p);
            return {200, "text/html; charset=utf-8",
                    search_page(r, r.query.empty() ? std::vector<Hit>{} : run_search(r))};
        }
        if (s[0] == "meetings" && s.size() == 2) {
            parameters_of(uri_, {});
            return {200, "text/html; charset=utf-8", meeting_page(document(s[1]))};
        }
        if (s[0] == "people" && s.size() <= 2) {
            return people_route(s);
        }
        if (s[0] == "bodies" && s.size() <= 2) {
            parameters_of(uri_, {});
            Archive archive(cells());
            return {200, "text/html; charset=utf-8",
                    s.size() == 1 ? bodies_page(archive.bodies())
                                  : body_page(s[1], archive.meetings_of_body(s[1]))};
        }
        throw Refused{404, "no such page"};
    }

    Response people_route(const std::vector<std::string>& s) {
        Archive archive(cells());
        if (s.size() == 1) {
            const Parameters p = parameters_of(uri_, {"q"});
            return {200, "text/html; charset=utf-8",
                    people_page(parameter(p, "q"), archive.people(parameter(p, "q"), 200))};
        }
        parameters_of(uri_, {});
        const auto person = archive.person(s[1]);
        if (!person) {
            throw Refused{404, "no person with the id '" + s[1] + "'"};
        }
        return {200, "text/html; charset=utf-8", person_page(*person)};
    }

    Response route_api(const std::vector<std::string>& s) {
        if (s.empty()) {
            parameters_of(uri_, {});
            return {200, "text/html; charset=utf-8", api_page()};
        }
        if (s[0] == "search" && s.size() == 1) {
            const Parameters p =
                parameters_of(uri_, {"q", "body", "from", "to", "person", "type", "limit"});
            const SearchRequest r = search_request(database_, p);
            if (r.query.empty()) {
                throw Refused{400, "q, the words to search for, is required"};
            }
            return json_response(hits_json(run_search(r)));
        }
        if (s[0] == "meetings" && s.size() == 2) {
            parameters_of(uri_, {});
            return json_response(to_json(document(s[1]), JsonStyle{2}));
        }
        if (s[0] == "people" && s.size() == 2) {
            parameters_of(uri_, {});
            Archive archive(cells());
            const auto person = archive.person(s[1]);
            if (!person) {
                throw Refused{404, "no person with the id '" + s[1] + "'"};
            }
            return json_response(person_json(*person));
        }
        if (s[0] == "bodies" && s.size() == 1) {
            parameters_of(uri_, {});
            Archive archive(cells());
            return json_response(bodies_json(archive.bodies()));
        }
        throw Refused{404, "no such API endpoint (see /api)"};
    }

    Document document(const std::string& id) {
        const bool number = !id.empty() && std::all_of(id.begin(), id.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
        if (!number) {
            throw Refused{400, "a meeting's id is a number"};
        }
        auto doc = read_document(cells(), id);
        if (!doc) {
            throw Refused{404, "no meeting with the id " + id};
        }
        return std::move(*doc);
    }

    CellQuery& cells() {
        if (!cells_) {
            cells_ = open_sqlite_cells(database_);
        }
        return *cells_;
    }

    const std::string& database_;
    const Poco::URI& uri_;
    std::vector<std::string> segments_;
    std::unique_ptr<CellQuery> cells_;
};

Response refusal(const Refused& r, bool api) {
    if (api) {
        std::string body;
        json::Writer w(body, 2);
        w.begin_object().key("status").integer(r.status).key("error").string(r.reason).end_object();
        return Response{r.status, "application/json; charset=utf-8", body};
    }
    return Response{r.status, "text/html; charset=utf-8", error_page(r.status, r.reason)};
}

}  // namespace

Response WebApp::handle(const std::string& method, const std::string& target) const {
    const bool api = target.rfind("/api", 0) == 0;
    if (method != "GET" && method != "HEAD") {
        return refusal({405, "only GET and HEAD are answered here"}, api);
    }
    try {
        const Poco::URI uri(target);
        if (!uri.getScheme().empty() || !uri.getHost().empty() || uri.getPath().empty() ||
            uri.getPath()[0] != '/') {
            return refusal({400, "a request's target is a path"}, api);
        }
        return Router(database_, uri).route();
    } catch (const Refused& r) {
        return refusal(r, api);
    } catch (const Poco::Exception& e) {
        return refusal({400, "the request's address cannot be read (" + e.message() + ")"}, api);
    } catch (const Error& e) {
        return refusal({e.code() == "no-database" ? 503 : 500, e.what()}, api);
    } catch (const std::exception& e) {
        return refusal({500, e.what()}, api);
    }
}

}  // namespace kpproc::cli::web
