package search

import "sync"

// boundedCache keeps answers that depend on a key and an Engine's index
// alone (the index of an Engine does not change), for at most max keys:
// a full cache starts again empty. It is safe for concurrent use; the
// zero value with max set is ready.
type boundedCache[V any] struct {
	max int
	mu  sync.RWMutex
	m   map[string]V
}

func (c *boundedCache[V]) get(key string) (v V, ok bool) {
	c.mu.RLock()
	v, ok = c.m[key]
	c.mu.RUnlock()
	return v, ok
}

func (c *boundedCache[V]) put(key string, v V) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = make(map[string]V)
	}
	c.m[key] = v
	c.mu.Unlock()
}
