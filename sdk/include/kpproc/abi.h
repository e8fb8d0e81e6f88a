/* kpproc plugin ABI, version 1.
 *
 * The one C symbol a plugin exports. Calling it creates nothing: it returns a pointer to a
 * static descriptor that the host reads to decide whether it can load the plugin at all
 * (ABI version, struct size, toolchain) before it ever calls `create`.
 *
 * Plugin authors do not fill this struct by hand: KPPROC_PLUGIN() in <kpproc/plugin.hpp>
 * writes it. It is plain C so that the handshake itself cannot depend on C++ ABI details.
 */
#ifndef KPPROC_ABI_H
#define KPPROC_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A host loads plugins whose major equals its own and whose minor is not newer than its own.
 * 1.0: the descriptor, adapters, processors, exporters.
 * 1.1: processors gain a batch stage (kpproc::Processor::process_in_batch); the descriptor is
 *      unchanged, and a host calls the batch stage only on plugins built for 1.1 or later.
 * 1.2: exporters may report notices (kpproc::Exporter::take_notices), e.g. that a document
 *      replaced its earlier version; the descriptor is unchanged, and a host asks only plugins
 *      built for 1.2 or later.
 * 1.3: exporters may export in two halves (kpproc::Exporter::prepare on the worker threads,
 *      write_prepared in input order) and say which documents their output already holds
 *      (kpproc::Exporter::is_stored); the descriptor is unchanged, and a host calls these only
 *      on plugins built for 1.3 or later.
 * 1.4: kpproc::Document gains `pages` (a PDF's pages, each a span of the text), appended after
 *      every other member so that a plugin built before it, which never touches it, finds the
 *      rest where it expects; the descriptor gains `licence`, read only when `struct_size`
 *      says the plugin's descriptor has it.
 * 1.5: the descriptor gains `flags`, read only when `struct_size` says the plugin's descriptor
 *      has it: KPPROC_FLAG_OWNS_OUTPUT, for an exporter that writes its own output (a
 *      database, a directory of tables) at the -o path. Before, such an exporter said so with
 *      the extension "/", which a host still understands from a plugin built before 1.5. */
#define KPPROC_ABI_MAJOR 1
#define KPPROC_ABI_MINOR 5

#define KPPROC_ENTRY_POINT kpproc_plugin_v1
#define KPPROC_ENTRY_POINT_NAME "kpproc_plugin_v1"

#if defined(_WIN32)
#define KPPROC_EXPORT __declspec(dllexport)
#else
#define KPPROC_EXPORT __attribute__((visibility("default")))
#endif

typedef enum kpproc_plugin_kind {
    KPPROC_KIND_ADAPTER = 1,   /* input bytes -> Document */
    KPPROC_KIND_PROCESSOR = 2, /* Document -> Document, in place */
    KPPROC_KIND_EXPORTER = 3   /* Documents -> output */
} kpproc_plugin_kind;

/* Bits of kpproc_plugin_descriptor::flags (1.5). */
#define KPPROC_FLAG_OWNS_OUTPUT 0x1u /* an exporter that writes its own output at the -o path */

/* One option a plugin accepts, e.g. json(pretty=true). */
typedef struct kpproc_option_spec {
    const char* name;          /* lower-case, [a-z0-9_-] */
    const char* type;          /* "string", "bool", "int", "number" or "choice" */
    const char* default_value; /* text form; NULL means "no default: the option is unset" */
    const char* choices;       /* for "choice": values separated by '|', else NULL */
    const char* description;   /* one line, shown by `kpproc inspect` */
} kpproc_option_spec;

/* How a plugin reports why it failed, without letting an exception cross the boundary. */
typedef struct kpproc_failure {
    char code[64];     /* short, kebab-case, e.g. "invalid-option" */
    char message[960]; /* one readable sentence */
} kpproc_failure;

typedef struct kpproc_plugin_descriptor {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t struct_size;  /* sizeof(kpproc_plugin_descriptor) as the plugin was compiled */
    uint32_t kind;         /* kpproc_plugin_kind */
    const char* toolchain; /* compiler, standard library and SDK major: C++ types cross later */
    const char* id;        /* dotted, e.g. "kp.adapter.text", "org.example.adapter.cmis" */
    const char* version;   /* the plugin's own version, e.g. "1.2.0" */
    const char* summary;   /* one line */
    const char* const* media_types; /* NULL-terminated list, or NULL */
    const char* const* extensions;  /* NULL-terminated list (".txt"), or NULL */
    const kpproc_option_spec* options;
    uint32_t option_count;
    /* `options` is a `const kpproc::Options*` the host has validated against the specs above.
     * Returns the instance, or NULL with `failure` filled in. Must not throw. */
    void* (*create)(const void* options, kpproc_failure* failure);
    void (*destroy)(void* instance);
    /* 1.4: the plugin's licence as an SPDX expression ("GPL-2.0-or-later"), or NULL for the
     * project's own; shown by `kpproc inspect`. Read only when struct_size covers it. */
    const char* licence;
    /* 1.5: KPPROC_FLAG_… bits. Read only when struct_size covers it. */
    uint32_t flags;
} kpproc_plugin_descriptor;

typedef const kpproc_plugin_descriptor* (*kpproc_entry_point_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KPPROC_ABI_H */
