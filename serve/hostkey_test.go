package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestHostKeyCreatedOnceAndPrivate(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "state", "callscope", "ssh_host_ed25519_key")
	pem, signer, created, err := HostKey(path)
	if err != nil || !created || signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("first start: %v created=%v", err, created)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700, dir: 0o755} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v (%v)", p, fi.Mode().Perm(), want, err)
		}
	}
	pub, err := os.ReadFile(path + ".pub")
	if err != nil || !strings.HasPrefix(string(pub), "ssh-ed25519 ") {
		t.Errorf("public half: %q %v", pub, err)
	}
	pem2, signer2, created2, err := HostKey(path)
	if err != nil || created2 || string(pem2) != string(pem) ||
		gossh.FingerprintSHA256(signer2.PublicKey()) != gossh.FingerprintSHA256(signer.PublicKey()) {
		t.Fatalf("second start: %v created=%v", err, created2)
	}
	os.Chmod(path, 0o644)
	if _, _, _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a key others may read: %v", err)
	}
	os.WriteFile(path, []byte("not a key"), 0o600)
	if _, _, _, err := HostKey(path); err == nil {
		t.Fatal("a file that is no key was taken")
	}
}
