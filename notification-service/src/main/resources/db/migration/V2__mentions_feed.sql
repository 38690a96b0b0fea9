-- The audit-service's mentions feed (GET /internal/v1/mentions), consumed from its start.
INSERT INTO feed_position (feed, position) VALUES ('mentions', '');
