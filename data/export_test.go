package data

// What the external tests (package data_test, which loads records through
// package load) look at inside Names.

var (
	ServiceName = serviceName
	IDName      = idName
)

func (n *Names) LookupID(id string) *nameEntry { return n.lookupID(id) }
func (n *Names) Lookup(e *Endpoint) *nameEntry { return n.lookup(e) }
