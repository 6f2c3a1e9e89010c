/* password_gate.h: one password hash at a time in the server.
 *
 * An argon2id hash or check takes PASSWORD_MEMLIMIT (64 MiB) for its
 * duration. Each server thread could run one at the same moment, and the
 * server's memory would peak at that times the threads (docs/bench.md,
 * "Web server"). A handler that hashes or checks a password holds the gate
 * around the operation that does it; the other threads' such requests wait
 * their turn (their loops are busy with them either way). */
#ifndef PCMT_WEB_PASSWORD_GATE_H
#define PCMT_WEB_PASSWORD_GATE_H

/* Wait for the gate and hold it. */
void password_gate_enter(void);

/* Let the next one through. */
void password_gate_leave(void);

#endif
