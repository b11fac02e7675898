package zap

import "testing"

// TestPersistUnsynced registers a directory twice: its segments are
// unsynced until both release it, and a directory beside it never is.
func TestPersistUnsynced(t *testing.T) {
	dir := t.TempDir()
	seg := dir + "/000000000001.zap"
	if unsynced(seg) {
		t.Fatal("unsynced before PersistUnsynced")
	}
	r1 := PersistUnsynced(dir)
	r2 := PersistUnsynced(dir + "/")
	if !unsynced(seg) || unsynced(dir+"x/000000000001.zap") {
		t.Fatal("unsynced wrong while registered")
	}
	r1()
	if !unsynced(seg) {
		t.Fatal("synced after one of two releases")
	}
	r2()
	if unsynced(seg) {
		t.Fatal("unsynced after both releases")
	}
}
