/* password_gate.c: a process-wide mutex around password hashing (see
 * password_gate.h). */
#include "web/password_gate.h"

#include <pthread.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

void password_gate_enter(void)
{
  pthread_mutex_lock(&gate);
}

void password_gate_leave(void)
{
  pthread_mutex_unlock(&gate);
}
