// PostgreSQL's C client library (Debian: libpq-dev), as the PostgreSQL store uses it.
#include <postgresql/libpq-fe.h>
