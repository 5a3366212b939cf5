/// What `csp-portal --version` prints. A constant, not `git describe`: the same source gives the
/// same binary and the same answer, built from a clone, a tarball or a package manager.
/// Raise it with each release (README, "Install").
enum CSPPortalVersion {
    static let current = "1.0.0"
}
