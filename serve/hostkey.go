package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKey reads the server's private key from path, creating an ed25519
// key there (0600, and path.pub beside it) when the file does not exist.
// It makes a missing folder (0700) but never changes an existing one's
// mode (wish.WithHostKeyPath would chmod it 0700). Like sshd it refuses a
// key that others may read. created says whether the key is new.
func HostKey(path string) (pemBytes []byte, signer gossh.Signer, created bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		b, err = newHostKey(path)
		created = err == nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key %s: %v", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key %s: %v", path, err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, nil, false, fmt.Errorf("host key %s may be read by others (mode %04o): chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	signer, err = gossh.ParsePrivateKey(b)
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key %s: %v (give an unencrypted OpenSSH private key, or a path where callscope may create one)", path, err)
	}
	return b, signer, created, nil
}

func newHostKey(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "callscope serve host key")
	if err != nil {
		return nil, err
	}
	b := pem.EncodeToMemory(block)
	// O_EXCL: two servers starting at once must not overwrite each other's key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, err
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		return nil, err
	}
	// The public half, for clients' known_hosts; not secret.
	_ = os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(sshPub), 0o644)
	return b, nil
}
