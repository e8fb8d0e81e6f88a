#pragma once
// `kpproc serve`'s pages and API over one database, as a function from a request to a
// response, so that it is tested without a network. Every parameter is checked (a bad one is
// a 400 that says why), every query parameterised, and nothing a user typed goes back into a
// page unescaped.
//
//   /                      search (q, body, from, to, person, type, limit)
//   /meetings/ID           one meeting, as kp.exporter.html renders it
//   /people, /people/ID    people (q filters their names); one person across the archive
//   /bodies, /bodies/NAME  bodies; one body's meetings over time
//   /api                   the API's documentation
//   /api/search, /api/meetings/ID, /api/people/ID, /api/bodies   the same as JSON

#include <string>

namespace kpproc::cli::web {

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
};

class WebApp {
public:
    explicit WebApp(std::string database) : database_(std::move(database)) {}

    // `target` is the request line's path and query ("/people/person%3Ascott.m?x=1"). Never
    // throws: a failure is a 4xx or 500 response saying what went wrong.
    Response handle(const std::string& method, const std::string& target) const;

private:
    std::string database_;
};

}  // namespace kpproc::cli::web
