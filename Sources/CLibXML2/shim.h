#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* The system libxml2 is built with ICU, whose headers clash with the ICU copy inside Foundation
   (two definitions of UErrorCode). Nothing here uses libxml2's ICU converters, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/tree.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as not concurrency-safe. */
static inline void cxml_free(void *p) { xmlFree(p); }
#endif
