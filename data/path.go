package data

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Path is a jq expression that selects a node in the source file, spelled
// as the file spells its keys: ".sessions[2].segments[0].media[1]" in a
// Graph export, ".Sessions[2].Segments[0]…" in a PowerShell one,
// ".value[3]" for a record in a list. Pass nil for the levels below the node.
func (f *File) Path(r *Record, se *Session, sg *Segment, md *Media, st *Stream) string {
	var b strings.Builder
	switch f.Shape {
	case ShapeRecordList:
		if p := f.collection(); p != "." {
			b.WriteString(p)
		} else {
			b.WriteString(".")
		}
		b.WriteString("[" + strconv.Itoa(r.Index) + "]")
	case ShapeSessions:
		if se == nil {
			if p := f.collection(); p != "." {
				return p
			}
			return "."
		}
		if p := f.collection(); p != "." {
			b.WriteString(p)
		} else {
			b.WriteString(".") // ".[2]": jq wants the dot before a bare index
		}
	case ShapeSegments: // the call and its one session are the whole file
		if sg == nil {
			return "."
		}
		if p := f.collection(); p != "." {
			b.WriteString(p)
		} else {
			b.WriteString(".")
		}
		b.WriteString(index(sg.Index))
	case ShapeRecord:
		if f.wrapped {
			b.WriteString(f.collection()) // {"value": {the record}}
		}
	}
	if se != nil && f.Shape != ShapeSegments {
		if f.Shape != ShapeSessions {
			b.WriteString(jqKey(f.key("sessions", r.Raw)))
		}
		b.WriteString(index(se.Index))
	}
	if sg != nil && f.Shape != ShapeSegments {
		b.WriteString(jqKey(f.key("segments", se.Raw)) + index(sg.Index))
	}
	if md != nil {
		b.WriteString(jqKey(f.key("media", sg.Raw)) + index(md.Index))
	}
	if st != nil {
		b.WriteString(jqKey(f.key("streams", md.Raw)) + index(st.Index))
	}
	if b.Len() == 0 {
		return "."
	}
	return b.String()
}

// index is "[i]", or nothing for an element no array held (PowerShell
// writes a one-element array as the element itself).
func index(i int) string {
	if i < 0 {
		return ""
	}
	return "[" + strconv.Itoa(i) + "]"
}

// collection is the path of a collection's array: ".value", or "." when
// the document is the array itself.
func (f *File) collection() string {
	if strings.HasPrefix(strings.TrimSpace(f.raw), "[") {
		return "."
	}
	return jqKey(f.key("value", f.raw))
}

var keysMu sync.Mutex

// key is how the file spells a normalised key, read from the first object
// that has it and kept: one file spells its keys one way.
func (f *File) key(norm, objRaw string) string {
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := f.keys[norm]; ok {
		return k
	}
	found := norm
	obj := rootValue(objRaw)
	var find func(v value, depth int) bool
	find = func(v value, depth int) bool {
		hit := false
		forEachRaw(v, func(k string, m value) bool {
			var buf [48]byte
			switch nk := normKey(k, &buf); {
			case nk == norm:
				found, hit = k, true
			case nk == "additionalproperties" && m.IsObject() && depth < maxMerge:
				hit = find(m, depth+1)
			}
			return !hit
		})
		return hit
	}
	find(obj, 0)
	if f.keys == nil {
		f.keys = map[string]string{}
	}
	f.keys[norm] = found
	return found
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// jqKey is ".key", or `."odd key"` for keys jq cannot take bare.
func jqKey(k string) string {
	if plainKey.MatchString(k) {
		return "." + k
	}
	return "." + strconv.Quote(k)
}
