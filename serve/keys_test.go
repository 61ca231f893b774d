package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

type warning struct {
	line int
	fp   string
	msg  string
}

func keysFile(t *testing.T, content string) (string, *Keys, *[]warning) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	var warns []warning
	k, err := OpenKeys(path, func(line int, fp, msg string) { warns = append(warns, warning{line, fp, msg}) })
	if err != nil {
		t.Fatal(err)
	}
	return path, k, &warns
}

// Roles come from environment="CALLSCOPE_ROLE=…"; no role is specialist;
// a line that cannot be honoured is left out with a warning and the lines
// after it keep working (wish's own loader refuses every key below a bad
// line).
func TestKeysRoles(t *testing.T) {
	eng, spec, none, bad, limited, after := newSigner(t), newSigner(t), newSigner(t), newSigner(t), newSigner(t), newSigner(t)
	content := "# team\n\n" +
		authorizedLine(eng, `environment="CALLSCOPE_ROLE=engineer",no-port-forwarding`, "alice@laptop") +
		authorizedLine(spec, `restrict,environment="CALLSCOPE_ROLE=specialist"`, "bob") +
		authorizedLine(none, "", "carol") +
		authorizedLine(bad, `environment="CALLSCOPE_ROLE=admin"`, "mallory") +
		"ssh-ed25519 AAAAnotbase64 broken\n" +
		authorizedLine(limited, `from="10.0.0.0/8"`, "dave") +
		authorizedLine(after, `environment="LANG=C",environment="CALLSCOPE_ROLE=engineer"`, "erin")
	_, k, warns := keysFile(t, content)
	for _, c := range []struct {
		s       gossh.Signer
		ok      bool
		role    Role
		comment string
	}{
		{eng, true, Engineer, "alice@laptop"},
		{spec, true, Specialist, "bob"},
		{none, true, Specialist, "carol"},
		{bad, false, "", ""},
		{limited, false, "", ""},
		{after, true, Engineer, "erin"},
	} {
		got, ok := k.Lookup(c.s.PublicKey())
		if ok != c.ok || got.Role != c.role || got.Comment != c.comment {
			t.Errorf("%s: got %+v %v, want %s %v", c.comment, got, ok, c.role, c.ok)
		}
	}
	want := []string{`line 6: unknown role "admin"`, "line 7: not a public key", `line 8: option "from" is not supported`}
	if len(*warns) != len(want) {
		t.Fatalf("warnings %+v", *warns)
	}
	for i, w := range *warns {
		if got := "line " + itoa(w.line) + ": " + w.msg; !strings.HasPrefix(got, want[i]) {
			t.Errorf("warning %d: %q, want %q…", i, got, want[i])
		}
	}
	if (*warns)[0].fp != gossh.FingerprintSHA256(bad.PublicKey()) {
		t.Error("the warning does not name the refused key's fingerprint")
	}
}

// The file is read again when it changes: a key added gets in, a key
// taken out does not; an unreadable file lets nobody in.
func TestKeysReloadOnChange(t *testing.T) {
	a, b := newSigner(t), newSigner(t)
	path, k, warns := keysFile(t, authorizedLine(a, "", "a"))
	if _, ok := k.Lookup(b.PublicKey()); ok {
		t.Fatal("b before it was added")
	}
	// Same size and a time in the same second would not be seen by a
	// check on the time alone: replace by rename, as editors do.
	tmp := path + ".new"
	os.WriteFile(tmp, []byte(authorizedLine(b, `environment="CALLSCOPE_ROLE=engineer"`, "b")), 0o600)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if got, ok := k.Lookup(b.PublicKey()); !ok || got.Role != Engineer {
		t.Fatalf("b after it was added: %+v %v", got, ok)
	}
	if _, ok := k.Lookup(a.PublicKey()); ok {
		t.Fatal("a after it was taken out")
	}
	// Written in place with a new time.
	os.WriteFile(path, []byte(authorizedLine(a, "", "a")+authorizedLine(b, "", "b")), 0o600)
	later := time.Now().Add(time.Minute)
	os.Chtimes(path, later, later)
	if got, ok := k.Lookup(b.PublicKey()); !ok || got.Role != Specialist {
		t.Fatalf("b after its role was taken out: %+v %v", got, ok)
	}
	os.Remove(path)
	if _, ok := k.Lookup(a.PublicKey()); ok {
		t.Fatal("a key got in with the file gone")
	}
	if len(*warns) != 1 || !strings.Contains((*warns)[0].msg, "no key is allowed") {
		t.Fatalf("warnings %+v", *warns)
	}
}

func TestOpenKeysNeedsTheFile(t *testing.T) {
	if _, err := OpenKeys(filepath.Join(t.TempDir(), "none"), func(int, string, string) {}); err == nil {
		t.Fatal("a missing file was accepted at start-up")
	}
}

// A key removed from the file while its connection is open opens no new
// session on that connection.
func TestRemovedKeyOpensNoNewSession(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	c, err := f.dial(f.engineer)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	os.WriteFile(f.keysPath, []byte(authorizedLine(f.specialist, "", "carol")), 0o600)
	later := time.Now().Add(time.Minute)
	os.Chtimes(f.keysPath, later, later)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var errb syncBuf
	sess.Stderr = &errb
	err = sess.Run("report " + demoID)
	if ee, ok := err.(*gossh.ExitError); !ok || ee.ExitStatus() != 1 || !strings.Contains(errb.String(), "not allowed") {
		t.Fatalf("got %v, %q", err, errb.String())
	}
	f.waitAudit(t, map[string]string{"action": ActRefused, "detail": "key no longer in the authorized keys file"})
}
