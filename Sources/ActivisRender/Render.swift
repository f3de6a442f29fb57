import ActivisCore
enum RenderModule {}
