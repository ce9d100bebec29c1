package com.example.sinkapp.drivercalls;

import org.h2.jdbc.JdbcConnection;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Properties;

/**
 * H2's own connection, opened without {@code Driver.connect} (as a driver's DataSource may), with {@code isClosed}
 * and {@code getMetaData} counted: its statements are H2's, created by H2 on this connection.
 */
final class CountingH2Connection extends JdbcConnection {

    CountingH2Connection(String url) throws SQLException {
        super(url, new Properties(), "", null, false);
    }

    @Override
    public boolean isClosed() throws SQLException {
        DriverCalls.IS_CLOSED.incrementAndGet();
        return super.isClosed();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        DriverCalls.GET_META_DATA.incrementAndGet();
        return super.getMetaData();
    }
}
