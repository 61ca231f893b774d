package graph

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// member is one key and value of a JSON object, as raw as they came.
type member struct {
	keyRaw string // with its quotes and escapes
	key    string
	val    gjson.Result
}

func members(obj gjson.Result) []member {
	var ms []member
	obj.ForEach(func(k, v gjson.Result) bool {
		ms = append(ms, member{keyRaw: k.Raw, key: k.String(), val: v})
		return true
	})
	return ms
}

func memberNamed(ms []member, key string) (gjson.Result, bool) {
	for _, m := range ms {
		if m.key == key {
			return m.val, true
		}
	}
	return gjson.Result{}, false
}

func isNextLink(key string) bool {
	return strings.HasSuffix(strings.ToLower(key), "@odata.nextlink")
}

// replacement is the array a key of the merged object holds.
type replacement struct {
	key   string
	elems []string // raw JSON of each element
}

// merge writes the members of the first response in their order, with no
// nextLink left and each replaced key holding its elements; a replaced key
// the response lacked goes at the end. Keys, values and elements keep the
// bytes Graph sent; only the space between members and elements goes.
func merge(ms []member, repl ...replacement) []byte {
	size := 2
	for _, m := range ms {
		size += len(m.keyRaw) + len(m.val.Raw) + 2
	}
	for _, r := range repl {
		size += len(r.key) + 5
		for _, e := range r.elems {
			size += len(e) + 1
		}
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteByte('{')
	done := make([]bool, len(repl))
	first := true
	comma := func() {
		if !first {
			b.WriteByte(',')
		}
		first = false
	}
	writeArray := func(elems []string) {
		b.WriteByte('[')
		for i, e := range elems {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(e)
		}
		b.WriteByte(']')
	}
	for _, m := range ms {
		if isNextLink(m.key) {
			continue
		}
		comma()
		b.WriteString(m.keyRaw)
		b.WriteByte(':')
		i := indexOf(repl, m.key)
		if i < 0 || done[i] {
			b.WriteString(m.val.Raw)
			continue
		}
		done[i] = true
		writeArray(repl[i].elems)
	}
	for i, r := range repl {
		if !done[i] {
			comma()
			fmt.Fprintf(&b, "%q:", r.key)
			writeArray(r.elems)
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

func indexOf(repl []replacement, key string) int {
	for i, r := range repl {
		if r.key == key {
			return i
		}
	}
	return -1
}

// page is one response of a collection: its elements and where the next
// page is.
type page struct {
	members []member
	elems   []string
	next    string
}

// parsePage reads {"value":[...], "@odata.nextLink": "..."}.
func parsePage(b []byte) (page, error) {
	obj, err := parseObject(b)
	if err != nil {
		return page{}, err
	}
	var p page
	p.members = members(obj)
	v, ok := memberNamed(p.members, "value")
	if !ok || !v.IsArray() {
		return page{}, fmt.Errorf("Graph sent a page without a \"value\" array (%s)", excerpt(b))
	}
	p.elems = elements(v)
	for _, m := range p.members {
		if m.key == "@odata.nextLink" && m.val.Type == gjson.String {
			p.next = m.val.String()
		}
	}
	return p, nil
}

func elements(arr gjson.Result) []string {
	var out []string
	arr.ForEach(func(_, v gjson.Result) bool {
		out = append(out, v.Raw)
		return true
	})
	return out
}

// parseObject checks that a 200's body is one JSON object.
func parseObject(b []byte) (gjson.Result, error) {
	if !gjson.ValidBytes(b) {
		return gjson.Result{}, fmt.Errorf("Graph sent a response that is not JSON (%s); check --graph-url", excerpt(b))
	}
	r := gjson.ParseBytes(b)
	if !r.IsObject() {
		return gjson.Result{}, fmt.Errorf("Graph sent JSON that is not an object (%s)", excerpt(b))
	}
	return r, nil
}

func excerpt(b []byte) string {
	if len(b) == 0 {
		return "an empty body"
	}
	if len(b) > 200 {
		b = b[:200]
	}
	return "starts " + fmt.Sprintf("%q", clean(string(b), 60))
}
