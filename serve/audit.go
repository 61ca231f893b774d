package serve

import (
	"io"
	"strconv"
	"sync"
	"time"
)

// Audit actions.
const (
	ActConnect    = "connect"    // a session started (detail: the command, "" for the picker)
	ActOpen       = "open"       // a record opened in the explorer (detail: "call ID" or "file PATH")
	ActCopy       = "copy"       // something copied to the clipboard (detail: what kind)
	ActReport     = "report"     // a report printed (detail: "call ID (format)")
	ActError      = "error"      // an open or report that failed (detail: why)
	ActDisconnect = "disconnect" // a session ended (detail: how long it lasted)
	ActRefused    = "refused"    // a key, a password, a session turned away (detail: why)
	ActKeys       = "keys"       // a line of the authorized keys file left out (detail: why)
	ActServer     = "server"     // the server started or stopped (detail: what)
)

// Event is one line of the audit log. It never holds a record's content,
// a token or a secret: ids, kinds, file names and reasons only.
type Event struct {
	Session     int64  // the session's number since the server started; 0: none
	Fingerprint string // SHA256:… of the key
	Comment     string // the key's comment in the authorized keys file
	Role        Role
	Remote      string // address:port
	User        string // the login name the client sent (anything: nothing checks it)
	Action      string
	Detail      string
}

// Audit writes one JSON object per line:
//
//	{"time":"2026-11-30T09:12:03Z","session":7,"fingerprint":"SHA256:…","comment":"alice@laptop",
//	 "role":"engineer","remote":"10.0.0.5:50122","user":"alice","action":"open","detail":"call 2f1a…"}
//
// Empty fields are left out. Writes are serialised; a failed write is
// returned so that the caller can refuse what it could not record.
type Audit struct {
	mu  sync.Mutex
	w   io.Writer
	now func() time.Time
	buf []byte
}

// NewAudit logs to w.
func NewAudit(w io.Writer) *Audit { return &Audit{w: w, now: time.Now} }

// Log writes e as one line.
func (a *Audit) Log(e Event) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.buf[:0]
	b = append(b, `{"time":`...)
	b = appendJSONString(b, a.now().UTC().Format(time.RFC3339))
	if e.Session != 0 {
		b = append(b, `,"session":`...)
		b = strconv.AppendInt(b, e.Session, 10)
	}
	field := func(name, v string) {
		if v != "" {
			b = append(b, `,"`+name+`":`...)
			b = appendJSONString(b, v)
		}
	}
	field("fingerprint", e.Fingerprint)
	field("comment", e.Comment)
	field("role", string(e.Role))
	field("remote", e.Remote)
	field("user", e.User)
	field("action", e.Action)
	field("detail", e.Detail)
	b = append(b, "}\n"...)
	a.buf = b
	_, err := a.w.Write(b)
	return err
}
