// Copies the write-ahead log back into the database on a thread of its own, while the batch
// goes on writing.
//
// Under WAL every page is written twice: to the log at commit, and into the database at a
// checkpoint, which also waits for both files to reach the disk (fdatasync). SQLite's
// automatic checkpoint does that inside the commit that fills the log, on the thread that
// writes: the batch stood still for it (on the 600 documents of the bench corpus, 0.22 s of a
// 2.7 s export was spent waiting in fdatasync, and as long again copying pages). Here the
// commit only notes that the log has grown, and a second connection, on this class's thread,
// runs a PASSIVE checkpoint: one that never blocks the writer and never waits for a lock.
//
// A passive checkpoint copies only what was committed when it began, and the log starts again
// from its beginning only when a writer finds all of it copied. A batch that commits again
// while each checkpoint runs would never find that, and its log would grow without end; so
// the commit that finds the log past CheckpointLimits::hard_limit_pages waits for a checkpoint
// of all of it, as SQLite's own checkpoint would have made it wait (by then the thread has
// copied most of it).
//
// Durability is SQLite's, unchanged: synchronous=NORMAL syncs the log before a checkpoint
// copies it and the database after. A checkpoint that fails loses nothing (the log still holds
// every page): the next one, or the one when the last connection closes, copies them.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include "sqlite_handle.hpp"

namespace kp_sqlite {

// When the log is copied back, in pages; for_page_size() gives the exporter's.
struct CheckpointLimits {
    // A checkpoint once the log holds this many pages: a page that several groups change in a
    // row is copied back once, not once per group.
    int start_pages;
    // The most the log grows to: a commit that finds it larger waits for a checkpoint of all
    // of it (by then the thread has copied most of it). A batch that commits all the time
    // otherwise keeps its log at this size.
    int hard_limit_pages;

    // 32 MiB to start a checkpoint and 64 MiB at most, in pages of `page_size` bytes. (Counted
    // in 4 KiB pages they would let a database of 16 KiB pages grow a log of 128 MiB before
    // its first checkpoint, and leave all of a batch's copying to the close.)
    static CheckpointLimits for_page_size(int page_size) {
        constexpr int kStartBytes = 32 << 20;
        const int start = kStartBytes / std::max(page_size, 512);
        return {.start_pages = start, .hard_limit_pages = 2 * start};
    }
};

class BackgroundCheckpoint {
public:
    using Limits = CheckpointLimits;

    // Watches the commits of `writer`, a connection to the database at `path` in WAL mode. If
    // a second connection cannot be opened the writer checkpoints as SQLite does by default,
    // no slower than without this class.
    BackgroundCheckpoint(const std::string& path, sqlite3* writer, Limits limits)
        : writer_(writer), limits_(limits) {
        try {
            if (open_checkpointer(path)) {
                thread_ = std::thread([this] { run(); });
                sqlite3_wal_hook(writer_, &BackgroundCheckpoint::on_commit, this);
                return;
            }
        } catch (const std::system_error&) {
            // No thread to be had: the writer checkpoints, as below.
        }
        sqlite3_wal_autocheckpoint(writer_, limits_.start_pages);
    }

    // Stops the thread, letting a checkpoint it is running finish, and gives the writer back
    // SQLite's own checkpoints. The writer is left open: closing it, when it is the last
    // connection, checkpoints whatever is left.
    ~BackgroundCheckpoint() {
        if (!thread_.joinable()) {
            return;
        }
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        thread_.join();
        sqlite3_wal_autocheckpoint(writer_, limits_.start_pages);  // replaces on_commit
    }
    BackgroundCheckpoint(const BackgroundCheckpoint&) = delete;
    BackgroundCheckpoint& operator=(const BackgroundCheckpoint&) = delete;

private:
    // A connection opens its file lazily, and one that has not read it yet does not know the
    // log is there: its checkpoints would do nothing. Asking the journal mode reads it.
    bool open_checkpointer(const std::string& path) {
        try {
            checkpointer_.emplace(path, Connection::Open::existing);
            bool in_wal = false;
            Statement(checkpointer_->get(), "PRAGMA journal_mode").first_row([&](Statement& s) {
                in_wal = s.text(0) == "wal";
            });
            if (in_wal) {
                return true;
            }
        } catch (const SqliteError&) {
        }
        checkpointer_.reset();
        return false;
    }

    // SQLite's WAL hook: called on the writer's thread after each commit, with the pages the
    // log holds. Returns SQLITE_OK whatever becomes of a checkpoint: the commit has happened.
    static int on_commit(void* self, sqlite3* /*db*/, const char* /*schema*/, int pages) {
        auto& me = *static_cast<BackgroundCheckpoint*>(self);
        if (pages >= me.limits_.start_pages) {
            me.request(pages >= me.limits_.hard_limit_pages);
        }
        return SQLITE_OK;
    }

    // Wakes the thread; with `wait`, returns once a checkpoint that began after this commit
    // has ended (no commit comes meanwhile, so it copies the whole log, which the next
    // transaction then starts again from its beginning).
    void request(bool wait) {
        std::unique_lock lock(mutex_);
        wanted_ = true;
        // One running now may have begun before this commit: then the one after it is needed.
        const std::uint64_t enough = finished_ + (running_ ? 2 : 1);
        wake_.notify_one();
        if (wait) {
            done_.wait(lock, [&] { return finished_ >= enough; });
        }
    }

    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return wanted_ || stopping_; });
            if (stopping_) {
                return;
            }
            wanted_ = false;
            running_ = true;
            lock.unlock();
            // SQLITE_BUSY (another connection is checkpointing) and any other failure leave
            // the pages in the log for the next checkpoint: nothing to report.
            sqlite3_wal_checkpoint_v2(checkpointer_->get(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                      nullptr, nullptr);
            lock.lock();
            running_ = false;
            ++finished_;
            done_.notify_all();
        }
    }

    sqlite3* writer_;
    const Limits limits_;
    std::optional<Connection> checkpointer_;  // used by thread_ alone
    std::mutex mutex_;
    std::condition_variable wake_;  // the thread waits here for work
    std::condition_variable done_;  // a writer past the hard limit, for a checkpoint to end
    bool wanted_ = false;           // the log has grown past start_pages since the last one
    bool running_ = false;          // a checkpoint is running
    std::uint64_t finished_ = 0;    // checkpoints ended
    bool stopping_ = false;
    std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace kp_sqlite
