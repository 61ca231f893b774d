package jsonscan

import (
	"bytes"
	"math/bits"
	"strings"
	"unsafe"

	"github.com/callscope/callscope/internal/swar"
)

// Fields calls fn for every member of an object with its key normalised:
// lower case, underscores removed. That one rule matches Graph's camelCase
// ("organizer_v2", "ipAddress") with PowerShell's PascalCase
// ("OrganizerV2", "IPAddress"). Members of a PowerShell
// "AdditionalProperties" object belong to the parent, so they are walked as
// if they stood there. Later duplicates are handed on too: as in
// encoding/json, the last one wins for a caller that keeps what it is
// given. For an array, fn gets its elements, with empty keys.
func (v Value) Fields(fn func(key string, m Value) bool) {
	if v.kind == Object || v.kind == Array {
		fieldsDepth(v, fn, 0)
	}
}

// maxMerge bounds AdditionalProperties inside AdditionalProperties: real
// exports have one level, a hostile file could nest them without end.
const maxMerge = 4

// fieldsDepth returns false when fn stopped the walk. It hands fn on as it
// is, with no wrapper closure, so that fn stays on the stack.
func fieldsDepth(obj Value, fn func(key string, v Value) bool, depth int) bool {
	cont := true
	obj.s.each(obj, func(k string, v Value) bool {
		key := obj.s.norm(k)
		if key == "additionalproperties" && v.kind == Object && depth < maxMerge {
			cont = fieldsDepth(v, fn, depth+1)
		} else {
			cont = fn(key, v)
		}
		return cont
	})
	return cont
}

// Member is an object's member by normalised key (see Fields), the last
// when the key is repeated; the zero Value when it has none.
func (v Value) Member(key string) Value {
	var out Value
	v.Fields(func(k string, m Value) bool {
		if k == key {
			out = m
		}
		return true
	})
	return out
}

// KeySpelling is how the object v spells the normalised key norm (see
// Fields), looking into AdditionalProperties as Fields does; "" when it has
// no such member. What comes before the key is passed over at a quick
// bracket count, unchecked: for a document already walked.
func (v Value) KeySpelling(norm string) string {
	found := ""
	var find func(v Value, depth int) bool
	find = func(v Value, depth int) bool {
		hit := false
		v.Members(func(k string, m Value) bool {
			var buf [48]byte
			switch nk := normKey(k, &buf); {
			case nk == norm:
				found, hit = k, true
			case nk == "additionalproperties" && m.kind == Object && depth < maxMerge:
				hit = find(m, depth+1)
			default:
				m.Skip()
			}
			return !hit
		})
		return hit
	}
	find(v, 0)
	return found
}

// NormKey is a key as Fields hands it on: lower case, underscores removed.
func NormKey(k string) string {
	var buf [48]byte
	return strings.Clone(normKey(k, &buf))
}

// normKey lower-cases k and drops underscores without allocating for short
// keys: the result may alias buf.
func normKey(k string, buf *[48]byte) string {
	plain := true
	for i := 0; i < len(k); i++ {
		if c := k[i]; (c >= 'A' && c <= 'Z') || c == '_' {
			plain = false
			break
		}
	}
	if plain {
		return k
	}
	if len(k) > len(buf) {
		return strings.ReplaceAll(strings.ToLower(k), "_", "")
	}
	n := 0
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '_' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return unsafe.String(&buf[0], n)
}

// keyCache remembers normalised keys: a document spells few keys, each
// thousands of times. It is a small open-addressed hash table on a cheap
// hash, a fraction of a map lookup. Once half full (a hostile file with
// endless keys) it learns no more; a key it does not hold is worked out.
type keyCache struct {
	slots [512]struct{ raw, norm string }
	used  int
}

// keyHash mixes a key's length and its first and last eight bytes.
func keyHash(k string) uint64 {
	x := uint64(len(k))
	if len(k) >= 8 {
		x ^= swar.Load(k, 0) ^ bits.RotateLeft64(swar.Load(k, len(k)-8), 31)
	} else {
		for i := 0; i < len(k); i++ {
			x = x<<8 | uint64(k[i])
		}
	}
	x ^= x >> 33 // murmur3's finaliser: every input bit moves the low ones
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	return x ^ x>>33
}

// norm is normKey with a cache: no allocation once a key has been seen.
func (s *Scanner) norm(k string) string {
	if s.keys == nil {
		s.keys = new(keyCache)
	}
	c := s.keys
	h := keyHash(k)
	for probe := range uint64(8) {
		e := &c.slots[(h+probe)%uint64(len(c.slots))]
		if e.norm == "" { // not seen: learn it here
			var buf [48]byte
			n := strings.Clone(normKey(k, &buf))
			if c.used < len(c.slots)/2 && n != "" {
				e.raw, e.norm = k, n
				c.used++
			}
			return n
		}
		if e.raw == k {
			return e.norm
		}
	}
	var buf [48]byte
	return strings.Clone(normKey(k, &buf))
}

// LineCol is where the byte at off stands: its 1-based line and column
// (in runes).
func LineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, 1 + len([]rune(string(b[start:off])))
}
