package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a key may see.
type Role string

const (
	// Engineer sees records as they are (Communications Support Engineer).
	Engineer Role = "engineer"
	// Specialist sees every record pseudonymised as `callscope redact`
	// writes it (Communications Support Specialist: limited personal data).
	Specialist Role = "specialist"
)

// roleOption is the authorized_keys option that gives a key its role.
const roleOption = "CALLSCOPE_ROLE"

// Key is one allowed key: its role and the comment that names its holder.
type Key struct {
	Role    Role
	Comment string
}

// Keys is an authorized_keys file in OpenSSH's format, read again when it
// changes (checked on each look-up, by size, time and inode). A line gives
// its key a role with the option environment="CALLSCOPE_ROLE=engineer" or
// "…=specialist"; a line without one is a specialist (least privilege). A
// line that cannot be honoured (an unknown role, an option callscope does
// not enforce, a key it cannot parse) is left out with a warning; the
// other lines keep working. A file that cannot be read allows no key.
type Keys struct {
	path string
	warn func(line int, fingerprint, msg string)

	mu    sync.Mutex
	stamp keysStamp
	keys  map[string]Key // by SHA256 fingerprint
}

type keysStamp struct {
	size  int64
	mtime time.Time
	ino   uint64
	ok    bool
}

func stampOf(path string) keysStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return keysStamp{}
	}
	return keysStamp{size: fi.Size(), mtime: fi.ModTime(), ino: inode(fi), ok: true}
}

// OpenKeys reads the file once, so that a missing or unreadable file is an
// error at start-up; warn is told of each line left out, then and later.
func OpenKeys(path string, warn func(line int, fingerprint, msg string)) (*Keys, error) {
	k := &Keys{path: path, warn: warn}
	if _, err := os.ReadFile(path); err != nil {
		return nil, fmt.Errorf("cannot read the authorized keys file: %v", err)
	}
	k.reload()
	return k, nil
}

// Lookup is the key's entry, reading the file again if it changed.
func (k *Keys) Lookup(key gossh.PublicKey) (Key, bool) {
	if key == nil {
		return Key{}, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if s := stampOf(k.path); s != k.stamp || !s.ok {
		k.reloadLocked()
	}
	e, ok := k.keys[gossh.FingerprintSHA256(key)]
	return e, ok
}

// Len is the number of keys allowed now.
func (k *Keys) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.keys)
}

func (k *Keys) reload() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.reloadLocked()
}

func (k *Keys) reloadLocked() {
	before := stampOf(k.path)
	b, err := os.ReadFile(k.path)
	if err != nil {
		if k.stamp.ok || k.keys == nil {
			k.warn(0, "", "cannot read the authorized keys file, so no key is allowed: "+err.Error())
		}
		k.keys, k.stamp = map[string]Key{}, keysStamp{}
		return
	}
	k.keys = parseKeys(b, k.warn)
	k.stamp = before
}

// parseKeys reads authorized_keys lines; see Keys.
func parseKeys(b []byte, warn func(line int, fingerprint, msg string)) map[string]Key {
	out := map[string]Key{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pub, comment, options, rest, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			warn(n, "", "not a public key OpenSSH can read ("+err.Error()+"); the line is ignored")
			continue
		}
		fp := gossh.FingerprintSHA256(pub)
		if len(bytes.TrimSpace(rest)) > 0 {
			warn(n, fp, "more than one key on the line; only the first is read")
		}
		role, err := roleOf(options)
		if err != nil {
			warn(n, fp, err.Error()+"; the line is ignored")
			continue
		}
		if _, dup := out[fp]; dup {
			warn(n, fp, "the key is on an earlier line too; the first line counts")
			continue
		}
		out[fp] = Key{Role: role, Comment: comment}
	}
	if err := sc.Err(); err != nil {
		warn(0, "", "the authorized keys file stops being read at a line too long: "+err.Error())
	}
	return out
}

// harmless are options that turn off what callscope serve never offers
// (forwarding, rc files): accepted and nothing else to do.
var harmless = map[string]bool{
	"restrict": true, "no-port-forwarding": true, "no-agent-forwarding": true,
	"no-x11-forwarding": true, "no-user-rc": true,
}

// roleOf reads the role from a line's options. Options that would limit a
// key in sshd (from=, expiry-time=, command=, …) are refused rather than
// ignored: an admin must not believe a limit holds that callscope does not
// apply.
func roleOf(options []string) (Role, error) {
	role := Role("")
	for _, o := range options {
		name, value, hasValue := strings.Cut(o, "=")
		switch {
		case harmless[strings.ToLower(o)]:
		case strings.EqualFold(name, "environment") && hasValue:
			v := strings.TrimSuffix(strings.TrimPrefix(value, `"`), `"`)
			k, r, _ := strings.Cut(v, "=")
			if k != roleOption {
				continue // another variable: callscope sets no environment
			}
			if role != "" && Role(r) != role {
				return "", fmt.Errorf("two different %s options", roleOption)
			}
			role = Role(r)
			if role != Engineer && role != Specialist {
				return "", fmt.Errorf("unknown role %q (use engineer or specialist)", clip(r, 40))
			}
		default:
			return "", fmt.Errorf("option %q is not supported by callscope serve", clip(name, 40))
		}
	}
	if role == "" {
		role = Specialist
	}
	return role, nil
}
