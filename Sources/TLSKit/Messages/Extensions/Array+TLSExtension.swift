extension Array where Element == TLSExtension {
    /// The first extension of the given type, if any.
    func first(_ type: ExtensionType) -> TLSExtension? {
        first { $0.type == type }
    }
}
