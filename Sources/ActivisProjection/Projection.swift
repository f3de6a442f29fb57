/// Namespace placeholder until the projection module lands.
enum ProjectionModule {}
